/** electron-vite: `import path from './x?modulePath'` bundles ./x as its own file and gives its path (the build only). */
declare module '*?modulePath' {
  const file: string;
  export default file;
}
