import type { Locator, Page } from '@playwright/test';
import { expect, logIn, pagePost, setUpShizhong, test, type Host } from './fixtures';
import { ok, streetsOf } from './funds-helpers';

/**
 * A guard over the whole app as a clerk reaches it: every page (every navigation entry, every
 * tab, a programme with its dialogs, a statement, the print views, a village file, the import
 * wizards) shows Chinese only — no English word, no 'undefined'/'null'/'NaN'/'[object Object]'
 * leaking from code — and renders without a console error or an error message. The data is
 * made through the API so no page is empty. Every problem of every page is collected and
 * asserted once at the end, so one run lists them all (page → words).
 */

const YEAR = 2026;
const WAN = 1_000_000; // 分 per 万元
/**
 * The accounts' 用户名 are data the clerk typed, shown on 账户管理 and 操作日志; they end in
 * digits so the English-word rule does not read them as words (the fixture's 'admin' would be).
 */
const ADMIN = { username: 'wanggl01', displayName: '王管理', password: 'guanli2026' };
const VIEWER = { username: 'chayue01', displayName: '李查阅', password: 'chushi2026' };

/**
 * Latin words a Chinese clerk's screen may legitimately show: product and format names that
 * have no Chinese name in use (the clerk says “Excel”, “WPS”, “PDF”), and the extensions of the
 * file names the app asks for or offers. (A4, ID and the like are too short for the rule.)
 * Anything else is English to translate.
 */
const ALLOWED = new Set([
  'Excel', // 微软 Excel: the product's name, as printed on the clerk's own software
  'WPS', // WPS 表格: the product's name
  'PDF', // the file format's name
  'CSV', // the file format's name (导入 accepts .csv)
  'xlsx', // file extension, in file names and the accepted types (如 “村情档案导入模板.xlsx”)
  'xls', // file extensions the import accepts, listed on its first step (支持 .xlsx、.xls、…)
  'xlsb',
  'ods',
  'csv',
  'tsv',
  'txt',
]);

/** Text that only appears when code prints a missing or wrong value instead of a label. */
const LEAKS = ['undefined', 'null', 'NaN', '[object Object]', 'Invalid Date'];

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const englishIn = (text: string) => [...new Set(text.match(/\b[A-Za-z]{3,}\b/g) ?? [])].filter((w) => !ALLOWED.has(w));
const leaksIn = (text: string) => LEAKS.filter((leak) => new RegExp(`(^|[^A-Za-z])${literal(leak)}($|[^A-Za-z])`).test(text));

/**
 * Watches one page: the API requests in flight (to know when a page has loaded), and console
 * errors, filed under the page being looked at so the report says where they came from.
 */
function watch(page: Page, dataDir: string) {
  const state = { inflight: 0, current: '（打开应用）', problems: [] as string[] };
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (r) => isApi(r.url()) && state.inflight++);
  page.on('requestfinished', (r) => isApi(r.url()) && state.inflight--);
  page.on('requestfailed', (r) => isApi(r.url()) && state.inflight--);
  page.on('console', (m) => {
    // a refused call answers HTTP 4xx, which Chromium logs; the fixture allows those too
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) state.problems.push(`${state.current} → 控制台错误：${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => state.problems.push(`${state.current} → 页面异常：${String(e).slice(0, 300)}`));

  /** Until no API call is in flight and no spinner shows, twice in a row 100 ms apart. */
  async function quiet() {
    const spinners = page.locator('.MuiCircularProgress-root, .MuiLinearProgress-indeterminate');
    let calm = 0;
    for (let i = 0; i < 100 && calm < 2; i++) {
      await page.waitForTimeout(100);
      calm = state.inflight === 0 && (await spinners.count()) === 0 ? calm + 1 : 0;
    }
    expect(calm, `${state.current}: still loading after 10 s`).toBe(2);
  }

  /** Checks what the page shows now: English words, leaked values, error messages. */
  async function check(name: string, ready: Locator) {
    state.current = name;
    await expect(ready, `${name}: content`).toBeVisible();
    await quiet();
    // the data folder and the files in it are paths, not words (设置 and 数据备份 show them)
    const text = (await page.evaluate(() => document.body.innerText)).replaceAll(new RegExp(`${literal(dataDir)}\\S*`, 'g'), '〔数据目录〕');
    const english = englishIn(text);
    if (english.length) state.problems.push(`${name} → 英文：${english.join('、')}`);
    const leaks = leaksIn(text);
    if (leaks.length) state.problems.push(`${name} → 程序值：${leaks.join('、')}`);
    // placeholders are on screen too (innerText leaves them out)
    const placeholders = await page.locator('[placeholder]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('placeholder') ?? ''));
    const inPlaceholders = englishIn(placeholders.join(' '));
    if (inPlaceholders.length) state.problems.push(`${name} → 输入框提示中的英文：${inPlaceholders.join('、')}`);
    for (const alert of await page.locator('.MuiAlert-colorError:visible').allInnerTexts()) state.problems.push(`${name} → 错误提示：${alert.trim()}`);
    expect(text.length, `${name}: the page shows something`).toBeGreaterThan(0);
  }

  return { state, check };
}

/** The first 管理员, created with this spec's user name; the Host calls the API as it. */
async function asAdmin(host: Host): Promise<Host> {
  const first = await host.callWith(null, 'auth.createFirstAdmin', { ...ADMIN, confirm: ADMIN.password });
  expect(first.ok, first.error?.message).toBe(true);
  return { ...host, call: (method, input) => host.callWith(first.session, method, input) };
}

/**
 * 2026 区域化党建工作经费 (170万元, due 2026-06-30) batch-allocated 10万元 to every street: the
 * first street paid 10万 of which 2万 reversed, the second 6万 pending, the rest overdue. A
 * 书记津贴 to a person. One village with its profile, two years and a 第一书记.
 */
async function seed(host: Host) {
  await setUpShizhong(host);
  const streets = await streetsOf(host);
  const base = { year: YEAR, sourceLevel: 'district', documentNo: null, standardText: null, standardFen: null, dueOn: null, note: null };
  const regional = await ok<{ id: number }>(host, 'funds.createProgramme', {
    ...base,
    name: '区域化党建工作经费',
    category: 'regional',
    recipientKind: 'street',
    budgetFen: 170 * WAN,
    standardFen: 10 * WAN,
    standardText: '10万元/街道',
    documentNo: '市中组字〔2026〕12号',
    dueOn: '2026-06-30',
  });
  await ok(host, 'funds.allocateBatch', { programmeId: regional.id, scope: { kind: 'allStreets' }, amountFen: 10 * WAN });
  const detail = await ok<{ allocations: Array<{ id: number; recipientName: string }> }>(host, 'funds.programme', { id: regional.id });
  const lineOf = (name: string) => detail.allocations.find((a) => a.recipientName === name)!.id;
  const [a, b] = streets as [(typeof streets)[0], (typeof streets)[0]];
  const paid = await ok<{ id: number }>(host, 'funds.disburse', { allocationId: lineOf(a.name), paidOn: '2026-07-03', amountFen: 10 * WAN, voucherNo: '记-2026-031', handler: '周敏', approver: '陈刚', note: null });
  await ok(host, 'funds.approve', { id: paid.id });
  await ok(host, 'funds.post', { id: paid.id, paidOn: null });
  await ok(host, 'funds.reverse', { id: paid.id, paidOn: '2026-07-10', amountFen: 2 * WAN, reason: '实际拨付 80,000.00 元，多登记 20,000.00 元', voucherNo: '记-2026-035' });
  await ok(host, 'funds.disburse', { allocationId: lineOf(b.name), paidOn: '2026-07-04', amountFen: 6 * WAN, voucherNo: '记-2026-032', handler: '周敏', approver: null, note: null });

  const allowance = await ok<{ id: number }>(host, 'funds.createProgramme', { ...base, name: '村党组织书记绩效报酬', category: 'secretary_allowance', recipientKind: 'person', budgetFen: 10 * WAN, standardFen: 600_000 });
  // nothing allocated yet: its 批量分配 has a preview to show
  const massWork = await ok<{ id: number }>(host, 'funds.createProgramme', { ...base, name: '党组织群众工作专项经费', category: 'mass_work', recipientKind: 'street', budgetFen: 85 * WAN, standardFen: 5 * WAN, standardText: '5万元/街道' });
  const person = await ok<{ id: number }>(host, 'funds.allocate', { programmeId: allowance.id, recipient: { personName: '张守田' }, amountFen: 600_000 });
  await ok(host, 'funds.disburse', { allocationId: person.id, paidOn: '2026-03-15', amountFen: 300_000, voucherNo: '记-2026-011', handler: '周敏', approver: null, note: null });

  const tree = (await host.call('units.tree', {})).value as Array<{ units: Array<{ id: number; name: string; kind: string }> }>;
  const village = tree.flatMap((s) => s.units).find((u) => u.kind === 'village')!;
  await ok(host, 'villages.saveProfile', {
    unitId: village.id,
    households: 320,
    residentPopulation: 1150,
    arableLandMuX100: 123_456,
    memberTotal: 50,
    memberFemale: 18,
    memberAvgAgeX10: 525,
    secretaryName: '王德顺',
    secretaryPhone: '13900001111',
    secretaryBirthMonth: '1975-03',
    directorName: '李长海',
    coopLed: true,
    coopName: '吴家庄果蔬专业合作社',
    note: '2025年完成村级活动场所改造。',
  });
  await ok(host, 'villages.saveYear', { unitId: village.id, year: 2025, collectiveIncomeFen: 8 * WAN, collectiveAssetsFen: 120 * WAN, weakOrg: false, memberTotal: 48 });
  await ok(host, 'villages.saveYear', { unitId: village.id, year: 2026, collectiveIncomeFen: 12 * WAN, weakOrg: false, memberTotal: 50 });
  await ok(host, 'villages.setFirstSecretary', { unitId: village.id, name: '刘建国', dispatchingUnit: '区财政局', startedOn: '2024-03-01' });
  return { regionalId: regional.id, allowanceId: allowance.id, massWorkId: massWork.id, street: a, village };
}

/** Visits every entry of the navigation the signed-in role sees, by clicking it. */
async function walkNav(page: Page, check: (name: string, ready: Locator) => Promise<void>, role: string) {
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link').first()).toBeVisible();
  const labels = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
  for (const label of labels) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await check(`${role}：${label}`, page.locator('main h2').first());
  }
  return labels;
}

test('every page a clerk can reach shows Chinese only and renders without errors', async ({ page, host: anyone }) => {
  test.setTimeout(90_000);
  const host = await asAdmin(anyone);
  const { regionalId, allowanceId, massWorkId, street, village } = await seed(host);
  const { state, check } = watch(page, host.dataDir);
  const main = page.locator('main');
  const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
  const tab = (name: string | RegExp) => page.getByRole('tab', { name });
  /** Opens a dialog with its button, checks it (empty fields show their placeholders), cancels it. */
  const inDialog = async (name: string, button: Locator, title: string | RegExp) => {
    await button.click();
    await check(name, dialog(title).getByRole('button', { name: '取消' }));
    await dialog(title).getByRole('button', { name: '取消' }).click();
    await expect(dialog(title)).toBeHidden();
  };
  await page.addInitScript(() => {
    window.print = () => undefined;
  });
  await logIn(page, host, ADMIN);
  await page.goto(host.url);

  // every navigation entry of the 管理员 (who sees them all); a module added later is walked too
  const adminNav = await walkNav(page, check, '管理员');
  expect(adminNav).toEqual(expect.arrayContaining(['村情档案', '经费台账', '组织架构', '账户管理', '操作日志', '数据备份', '设置']));

  // 经费台账: every tab
  await page.goto(`${host.url}#/funds`);
  for (const name of ['经费项目', '年度汇总', '按拨付对象', '按街道', '逾期未拨付']) {
    await tab(name).click();
    await expect(tab(name)).toHaveAttribute('aria-selected', 'true');
    await check(`经费台账 · ${name}`, main.getByRole('table').or(main.getByText(/没有|暂无/)).first());
  }
  await tab('经费项目').click();
  await inDialog('经费台账 · 新建经费项目', main.getByRole('button', { name: '新建经费项目' }), '新建经费项目');

  // 导入拨付记录, at its first step
  await main.getByRole('button', { name: '导入拨付记录' }).click();
  await check('经费台账 · 导入拨付记录（第一步）', dialog('导入拨付记录').getByRole('button', { name: '选择文件…' }));
  await dialog('导入拨付记录').getByRole('button', { name: '取消' }).click();
  await expect(dialog('导入拨付记录')).toBeHidden();

  // a programme: both tabs, 批量分配, 分配, 登记拨付 and 冲销 opened and closed
  await page.goto(`${host.url}#/funds/programmes/${regionalId}`);
  await check('经费项目 · 分配明细', page.getByRole('table', { name: '分配明细' }));
  const batch = dialog(/^批量分配/);
  await page.getByRole('button', { name: '批量分配' }).first().click();
  await check('经费项目 · 批量分配', batch.getByRole('button', { name: '预览' }));
  await batch.getByRole('button', { name: '取消' }).click();
  await expect(batch).toBeHidden();
  await page.getByRole('button', { name: `登记拨付：${street.name}` }).click();
  const disburse = dialog(`登记拨付：${street.name}`);
  await check('经费项目 · 登记拨付', disburse.getByLabel('拨付金额', { exact: true }));
  await disburse.getByRole('button', { name: '取消' }).click();
  await expect(disburse).toBeHidden();
  await inDialog('经费项目 · 分配经费', page.getByRole('button', { name: '分配', exact: true }), '分配经费');
  await tab(/^拨付记录/).click();
  await check('经费项目 · 拨付记录', page.getByRole('table', { name: '拨付记录' }));
  await inDialog('经费项目 · 冲销', page.getByRole('button', { name: '冲销', exact: true }), /^冲销拨付记录/);
  await page.goto(`${host.url}#/funds/programmes/${allowanceId}`);
  await check('经费项目（受款人为个人）· 分配明细', page.getByRole('table', { name: '分配明细' }));

  await page.goto(`${host.url}#/funds/programmes/${massWorkId}`);
  await check('经费项目（尚未分配）', page.getByText('尚未分配', { exact: true }));
  await page.getByRole('button', { name: '批量分配' }).first().click();
  await batch.getByRole('button', { name: '预览' }).click();
  await check('经费项目 · 批量分配预览', batch.getByRole('region', { name: '分配预览' }));
  await batch.getByRole('button', { name: '取消' }).click();
  await expect(batch).toBeHidden();

  // statements: a street's and a person's
  await page.goto(`${host.url}#/funds/statement?year=${YEAR}&unitId=${street.id}`);
  await check('对账单（街道）', main.getByRole('table').first());
  await page.goto(`${host.url}#/funds/statement?year=${YEAR}&person=${encodeURIComponent('张守田')}`);
  await check('对账单（个人）', main.getByRole('table').first());

  // the print views
  const printButton = page.getByRole('button', { name: '打印', exact: true });
  await page.goto(`${host.url}#/print/fund-ledger/${regionalId}`);
  await check('打印 · 经费台账', printButton);
  await page.goto(`${host.url}#/print/fund-statement/${street.id}?year=${YEAR}`);
  await check('打印 · 对账单', printButton);
  await page.goto(`${host.url}#/print/fund-statement?year=${YEAR}&person=${encodeURIComponent('张守田')}`);
  await check('打印 · 对账单（个人）', printButton);
  await page.goto(`${host.url}#/print/village/${village.id}`);
  await check('打印 · 村情简表', printButton);

  // a village's file, each tab, and the dialog each tab opens
  await page.goto(`${host.url}#/villages/${village.id}`);
  await expect(page.getByRole('heading', { name: village.name, exact: true })).toBeVisible();
  const villageTabs = [
    { name: '基本情况', button: '编辑基本情况', title: '编辑：基本情况' },
    { name: '班子与第一书记', button: '任命新的第一书记', title: '任命新的第一书记' },
    { name: '年度数据', button: '新增年度', title: /^新增年度数据/ },
    { name: '备注', button: '编辑备注', title: /^编辑：备注/ },
  ];
  for (const t of villageTabs) {
    await tab(new RegExp(`^${t.name}`)).click();
    await expect(tab(new RegExp(`^${t.name}`))).toHaveAttribute('aria-selected', 'true');
    await check(`村情档案 ${village.name} · ${t.name}`, page.getByRole('tabpanel'));
    await inDialog(`村情档案 ${village.name} · ${t.button}`, page.getByRole('button', { name: t.button }), t.title);
  }

  // 收入分档统计
  await page.goto(`${host.url}#/villages/report`);
  await check('村集体经营性收入分档统计', page.locator('main h2').first());

  // 导入村情档案, at its first step
  await page.goto(`${host.url}#/villages`);
  await main.getByRole('button', { name: '导入', exact: true }).click();
  await check('村情档案 · 导入（第一步）', dialog('导入村情档案').getByRole('button', { name: '选择文件…' }));
  await dialog('导入村情档案').getByRole('button', { name: '取消' }).click();
  await expect(dialog('导入村情档案')).toBeHidden();

  // 组织架构: a street's details; 账户管理: 新建账户
  await page.goto(`${host.url}#/units?street=${street.id}`);
  await check(`组织架构 · ${street.name}`, main.getByRole('button', { name: '街道详情' }));
  await main.getByRole('button', { name: '街道详情' }).click();
  const drawer = page.locator('.MuiDrawer-paper');
  await check('组织架构 · 街道详情', drawer.getByRole('button', { name: '关闭' }));
  await drawer.getByRole('button', { name: '关闭' }).click();
  await expect(drawer).toHaveCount(0);
  await page.goto(`${host.url}#/users`);
  await inDialog('账户管理 · 新建账户', main.getByRole('button', { name: '新建账户' }), '新建账户');

  // 设置: every tab
  await page.goto(`${host.url}#/settings`);
  for (const name of ['基本设置', '阈值与规则', '字典管理']) {
    await tab(name).click();
    await expect(tab(name)).toHaveAttribute('aria-selected', 'true');
    await check(`设置 · ${name}`, page.getByRole('tabpanel'));
  }

  // 操作日志, now that the seeding has filled it
  await page.goto(`${host.url}#/audit`);
  await check('操作日志', main.getByRole('grid').or(main.getByRole('table')).first());

  // a 查阅 account: its own navigation
  await ok(host, 'users.create', { ...VIEWER, role: 'viewer', confirm: VIEWER.password });
  await page.context().clearCookies();
  await logIn(page, host, VIEWER);
  const changed = await pagePost(page, host, 'auth.changePassword', { currentPassword: VIEWER.password, password: 'zijide2026', confirm: 'zijide2026' });
  expect((await changed.json()).ok).toBe(true);
  await page.goto(`${host.url}#/villages`);
  await page.reload();
  const viewerNav = await walkNav(page, check, '查阅');
  expect(viewerNav).toEqual(expect.arrayContaining(['村情档案', '经费台账', '组织架构', '设置']));

  expect(state.problems, `pages that are not Chinese only:\n${state.problems.join('\n')}`).toEqual([]);
});
