import { Box, Typography } from '@mui/material';
import { PROFILE_SECTIONS, VILLAGE_FIELD_LABELS, type ProfileField, type VillageDetail } from '../../../../../shared/api/villages';
import { PROFILE_FIELD_KINDS, displayFieldValue, fieldLabelWithUnit } from '../../../../../shared/api/villages/field-kinds';
import type { DictionaryName } from '../../../../../shared/api/dictionaries';
import { formatYuan } from '../../../../../shared/domain/money';

/** two ideographic spaces, as forms separate items on one line */
const WIDE_GAP = '\u3000\u3000';
const cell = { border: '1px solid #000', padding: '3pt 5pt', verticalAlign: 'top' } as const;
// fixed layout: label 24% / value 26% twice, so every section's columns line up
const labelCell = { ...cell, width: '24%', background: '#f2f2f2' } as const;

/** Pairs of fields per table row: label | value | label | value. */
function pairs<T>(items: readonly T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2));
  return rows;
}

/**
 * 村情简表: one A4 page per unit — sections with headings, a two-column label/value grid, the
 * latest year's figures and the 第一书记; header with the department, footer with the date.
 */
export function VillageBrief({
  detail,
  departmentName,
  printedOn,
  labelOf,
}: {
  detail: VillageDetail;
  departmentName: string;
  printedOn: string;
  labelOf: (dictionary: DictionaryName, value: string) => string;
}) {
  const { profile } = detail;
  const latest = detail.years[0] ?? null;
  const fs = detail.currentFirstSecretary;
  const show = (field: ProfileField) => displayFieldValue(PROFILE_FIELD_KINDS[field], profile[field], { labelOf, formatFen: formatYuan });
  const sections = PROFILE_SECTIONS.filter((s) => s.key !== 'other');
  return (
    <Box sx={{ fontFamily: 'inherit', '& table': { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', mb: '6pt', fontSize: '10pt' } }}>
      <Typography sx={{ textAlign: 'center', fontSize: '18pt', fontWeight: 700, letterSpacing: '2pt' }}>{profile.name}村情简表</Typography>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', fontSize: '9.5pt', mt: '4pt', mb: '6pt' }}>
        <span>
          {[`所属街道（镇）：${profile.streetName}`, `代码：${profile.code}`, `类别：${labelOf('unit_kind', profile.kind)}`].join(WIDE_GAP)}
        </span>
        <span>{latest ? `年度数据：${latest.year}年` : '尚无年度数据'}</span>
      </Box>
      {sections.map((section) => (
        <Box key={section.key} component="section" sx={{ breakInside: 'avoid' }}>
          <Typography component="h3" sx={{ fontSize: '11pt', fontWeight: 700, mt: '6pt', mb: '2pt' }}>
            {section.title}
          </Typography>
          <table>
            <tbody>
              {pairs(section.fields).map((row) => (
                <tr key={row.join()}>
                  {row.map((field) => [
                    <td key={`${field}-l`} style={labelCell}>
                      {fieldLabelWithUnit(field, VILLAGE_FIELD_LABELS)}
                    </td>,
                    <td key={`${field}-v`} style={cell}>
                      {show(field)}
                    </td>,
                  ])}
                  {row.length === 1 && <td colSpan={2} style={cell} />}
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
      ))}
      <Typography component="h3" sx={{ fontSize: '11pt', fontWeight: 700, mt: '6pt', mb: '2pt' }}>
        第一书记与年度情况
      </Typography>
      <table>
        <tbody>
          <tr>
            <td style={labelCell}>第一书记</td>
            <td style={cell}>{fs ? fs.name : '无'}</td>
            <td style={labelCell}>派出单位</td>
            <td style={cell}>{fs ? `${fs.dispatchingUnit ?? ''}（${fs.startedOn} 起）` : ''}</td>
          </tr>
          <tr>
            <td style={labelCell}>集体经营性收入（元）</td>
            <td style={cell}>{latest?.collectiveIncomeFen != null ? formatYuan(latest.collectiveIncomeFen) : ''}</td>
            <td style={labelCell}>收入档次</td>
            <td style={cell}>{latest?.incomeBandLabel ?? ''}</td>
          </tr>
          <tr>
            <td style={labelCell}>集体资产（元）</td>
            <td style={cell}>{latest?.collectiveAssetsFen != null ? formatYuan(latest.collectiveAssetsFen) : ''}</td>
            <td style={labelCell}>负债（元）</td>
            <td style={cell}>{latest?.liabilitiesFen != null ? formatYuan(latest.liabilitiesFen) : ''}</td>
          </tr>
          <tr>
            <td style={labelCell}>评星定级</td>
            <td style={cell}>{latest?.starRating ? labelOf('star_rating', latest.starRating) : ''}</td>
            <td style={labelCell}>堡垒指数</td>
            <td style={cell}>
              {latest?.fortressIndex ? labelOf('fortress_index', latest.fortressIndex) : ''}
              {latest?.weakOrg ? '（软弱涣散）' : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <table>
        <tbody>
          <tr>
            <td style={labelCell}>备注</td>
            <td style={{ ...cell, height: '40pt' }}>{profile.note ?? ''}</td>
          </tr>
        </tbody>
      </table>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', fontSize: '9.5pt', mt: '10pt' }}>
        <span>填报单位：{departmentName}</span>
        <span>打印日期：{printedOn}</span>
      </Box>
    </Box>
  );
}
