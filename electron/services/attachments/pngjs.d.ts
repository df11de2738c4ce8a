/** The part of pngjs 7 (pure-JS PNG decoder, no types of its own) the thumbnail worker uses. */
declare module 'pngjs' {
  interface DecodedPng {
    width: number;
    height: number;
    /** RGBA, 8 bits per channel */
    data: Buffer;
  }
  const pngjs: {
    PNG: {
      sync: {
        read(buffer: Buffer, options?: { skipRescale?: boolean; checkCRC?: boolean }): DecodedPng;
        write(png: { width: number; height: number; data: Uint8Array }, options?: { colorType?: number; inputHasAlpha?: boolean }): Buffer;
      };
    };
  };
  export default pngjs;
}
