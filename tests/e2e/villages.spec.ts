import type { Page } from '@playwright/test';
import { expect, logIn, pagePost, setUpShizhong, snap, test, type Host } from './fixtures';

const VIEWER = { username: 'chayue', displayName: '李查阅', password: 'chushi2026' };

type Tree = Array<{ name: string; units: Array<{ id: number; name: string; kind: string }> }>;

/** The first 行政村 of the district, with its street. */
async function firstVillage(host: Host) {
  const tree = await host.call('units.tree', {});
  const streets = tree.value as Tree;
  for (const street of streets) {
    const unit = street.units.find((u) => u.kind === 'village');
    if (unit) return { ...unit, streetName: street.name };
  }
  throw new Error('no village in the tree');
}

async function openVillage(page: Page, host: Host, unitId: number, name: string) {
  await page.goto(`${host.url}#/villages/${unitId}`);
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
}

/** Lets a dialog finish fading in before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name });
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test.beforeEach(async ({ host }) => {
  await setUpShizhong(host);
});

test('村情档案详情: edit the profile as you type, add years without touching others, appoint a 第一书记', async ({ page, host }) => {
  const village = await firstVillage(host);
  await logIn(page, host);
  await openVillage(page, host, village.id, village.name);
  await expect(page.getByText(village.streetName).first()).toBeVisible();
  await expect(page.getByText('该村（社区）的村情档案尚未填写')).toBeVisible();
  await expect(section(page, '党组织和党员')).toContainText('尚未填写');
  await snap(page, '60-village-basic-empty');

  // 党组织和党员: the rule between fields shows as the user types, a valid save shows the values
  await page.getByRole('button', { name: '编辑党组织和党员' }).click();
  const party = page.getByRole('dialog', { name: '编辑：党组织和党员' });
  await party.getByLabel('党员总数').fill('50');
  await party.getByLabel('女党员数').fill('60');
  await expect(party.getByText('女党员数（60）不能多于党员总数（50）')).toBeVisible();
  await party.getByLabel('党员平均年龄').fill('52.55');
  await expect(party.getByText('党员平均年龄应为数字（岁，最多1位小数）')).toBeVisible();
  await settle(page);
  await snap(page, '61-village-party-dialog-invalid');
  await party.getByLabel('女党员数').fill('18');
  await party.getByLabel('党员平均年龄').fill('52.5');
  await party.getByLabel('党组织类型').click();
  await page.getByRole('option', { name: '党支部' }).click();
  await expect(party.getByText('女党员数（60）不能多于党员总数（50）')).toHaveCount(0);
  await party.getByRole('button', { name: '保存' }).click();
  await expect(party).toBeHidden();
  const partySection = section(page, '党组织和党员');
  await expect(partySection).toContainText('50 名');
  await expect(partySection).toContainText('18 名');
  await expect(partySection).toContainText('52.5 岁');
  await expect(partySection).toContainText('党支部');
  await expect(page.getByText('该村（社区）的村情档案尚未填写')).toHaveCount(0);

  // 基本情况: land typed in 亩 with decimals
  await page.getByRole('button', { name: '编辑基本情况' }).click();
  const basic = page.getByRole('dialog', { name: '编辑：基本情况' });
  await basic.getByLabel('户数').fill('320');
  await basic.getByLabel('耕地面积').fill('1234.567');
  await expect(basic.getByText('耕地面积应为数字（亩，最多2位小数）')).toBeVisible();
  await basic.getByLabel('耕地面积').fill('1234.56');
  await basic.getByLabel('村域面积').fill('2.35');
  await settle(page);
  await snap(page, '62a-village-basic-dialog');
  await basic.getByRole('button', { name: '保存' }).click();
  await expect(basic).toBeHidden();
  await expect(section(page, '基本情况')).toContainText('1234.56 亩');
  await expect(section(page, '基本情况')).toContainText('320 户');
  await expect(section(page, '基本情况')).toContainText('2.35 平方公里');
  await snap(page, '62-village-basic');

  // 集体经济与阵地: a rule between a 是/否 select and a text field; 活动场所达标 may stay blank
  await page.getByRole('button', { name: '编辑集体经济与阵地' }).click();
  const economy = page.getByRole('dialog', { name: '编辑：集体经济与阵地' });
  await economy.getByLabel('合作社名称').fill('吴家庄果蔬专业合作社');
  await expect(economy.getByText('未领办合作社时不能填写合作社名称')).toBeVisible();
  await settle(page);
  await snap(page, '62b-village-economy-dialog');
  await economy.getByLabel('党支部领办合作社').click();
  await page.getByRole('option', { name: '是' }).click();
  await economy.getByLabel('活动场所面积').fill('680.5');
  await economy.getByRole('button', { name: '保存' }).click();
  await expect(economy).toBeHidden();
  await expect(section(page, '集体经济与阵地')).toContainText('吴家庄果蔬专业合作社');
  await expect(section(page, '集体经济与阵地')).toContainText('680.5 平方米');
  const saved = (await host.call('villages.get', { unitId: village.id })).value as { profile: Record<string, unknown> };
  expect(saved.profile).toMatchObject({ memberTotal: 50, memberFemale: 18, memberAvgAgeX10: 525, arableLandMuX100: 123456, households: 320, partyOrgType: 'branch' });

  // 班子: a phone shows masked; 显示完整电话 shows it in full (and is logged)
  await tab(page, '班子与第一书记').click();
  await page.getByRole('button', { name: '编辑党组织书记' }).click();
  const secretary = page.getByRole('dialog', { name: '编辑：党组织书记' });
  await secretary.getByLabel('姓名').fill('张守田');
  await secretary.getByLabel('联系电话').fill('13812345678');
  await secretary.getByLabel('出生年月').fill('1975.3');
  await settle(page);
  await snap(page, '63-village-secretary-dialog');
  await secretary.getByRole('button', { name: '保存' }).click();
  await expect(secretary).toBeHidden();
  const secretarySection = section(page, '党组织书记');
  await expect(secretarySection).toContainText('138****5678');
  await expect(secretarySection).toContainText('1975年3月');
  await page.getByRole('button', { name: '显示完整电话' }).click();
  await expect(secretarySection).toContainText('13812345678');
  await expect(page.getByText('已显示完整联系电话，本次查看已记入操作日志。')).toBeVisible();
  await page.getByRole('button', { name: '隐藏完整电话' }).click();
  await expect(secretarySection).toContainText('138****5678');
  // editing with the phone still masked keeps the stored number
  await page.getByRole('button', { name: '编辑党组织书记' }).click();
  const again = page.getByRole('dialog', { name: '编辑：党组织书记' });
  await expect(again.getByLabel('联系电话')).toHaveValue('138****5678');
  await again.getByLabel('学历').click();
  await page.getByRole('option', { name: '本科' }).click();
  await again.getByRole('button', { name: '保存' }).click();
  await expect(again).toBeHidden();
  await expect(secretarySection).toContainText('本科');
  const full = (await host.call('villages.get', { unitId: village.id, reveal: true })).value as { profile: Record<string, unknown> };
  expect(full.profile).toMatchObject({ secretaryPhone: '13812345678', secretaryEducation: 'bachelor', secretaryBirthMonth: '1975-03' });

  // 第一书记
  await expect(page.getByText('目前没有在任的第一书记')).toBeVisible();
  await page.getByRole('button', { name: '任命新的第一书记' }).click();
  const appoint = page.getByRole('dialog', { name: '任命新的第一书记' });
  await appoint.getByLabel('姓名').fill('刘建国');
  await appoint.getByLabel('派出单位（选填）').fill('区财政局');
  await settle(page);
  await snap(page, '64-village-appoint-dialog');
  await appoint.getByRole('button', { name: '任命' }).click();
  await expect(appoint).toBeHidden();
  const current = page.getByRole('region', { name: '第一书记' });
  await expect(current.getByLabel('现任第一书记')).toContainText('刘建国');
  await expect(current.getByLabel('现任第一书记')).toContainText('区财政局');
  // a successor: the predecessor leaves on the new start date and moves to the history
  await page.getByRole('button', { name: '任命新的第一书记' }).click();
  const next = page.getByRole('dialog', { name: '任命新的第一书记' });
  await next.getByLabel('姓名').fill('王磊');
  await expect(next.getByRole('group', { name: '前任（刘建国）离任日期' })).toBeVisible();
  await settle(page);
  await snap(page, '64b-village-appoint-successor');
  await next.getByRole('button', { name: '任命' }).click();
  await expect(next).toBeHidden();
  await expect(current.getByLabel('现任第一书记')).toContainText('王磊');
  const history = current.getByRole('table', { name: '历任第一书记' });
  await expect(history).toContainText('刘建国');
  // 更正 a past record
  await page.getByRole('button', { name: '更正刘建国的记录' }).click();
  const correct = page.getByRole('dialog', { name: '更正第一书记记录：刘建国' });
  await correct.getByLabel('派出单位（选填）').fill('区发展和改革局');
  await correct.getByRole('button', { name: '保存' }).click();
  await expect(correct).toBeHidden();
  await expect(history).toContainText('区发展和改革局');
  await page.getByRole('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
  await snap(page, '65-village-team');

  // 年度数据: empty, then 2025 with money in 元, then 2024 leaves 2025 unchanged
  await tab(page, '年度数据').click();
  await expect(page.getByText('尚无年度数据')).toBeVisible();
  await snap(page, '66-village-years-empty');
  await page.getByRole('button', { name: '新增年度' }).click();
  const year = page.getByRole('dialog', { name: '新增年度数据' });
  await year.getByLabel('年度').fill('2025');
  await year.getByLabel('集体经营性收入（元）').fill('123456.789');
  await expect(year.getByText('集体经营性收入最多保留两位小数（精确到分）')).toBeVisible();
  await year.getByLabel('集体经营性收入（元）').fill('123456.78');
  await expect(year.getByText('收入档次：达标村')).toBeVisible();
  await year.getByLabel('集体资产（元）').fill('2,000,000');
  await year.getByLabel('评星定级').click();
  await page.getByRole('option', { name: '四星' }).click();
  await year.getByLabel('堡垒指数').click();
  await page.getByRole('option', { name: '强' }).click();
  await year.getByLabel('党员').fill('50');
  await settle(page);
  await snap(page, '67-village-year-dialog');
  await year.getByRole('button', { name: '保存' }).click();
  await expect(year).toBeHidden();
  const row2025 = page.locator('tr[data-year="2025"]');
  await expect(row2025).toContainText('123,456.78');
  await expect(row2025).toContainText('达标村');
  await expect(row2025).toContainText('2,000,000.00');
  await expect(row2025).toContainText('四星');

  await page.getByRole('button', { name: '新增年度' }).click();
  const year2 = page.getByRole('dialog', { name: '新增年度数据' });
  await year2.getByLabel('年度').fill('2025');
  await expect(year2.getByText('该年度已有数据，请在表格中点该年度的“编辑”修改')).toBeVisible();
  await year2.getByLabel('年度').fill('2024');
  await year2.getByLabel('集体经营性收入（元）').fill('45000');
  await year2.getByRole('button', { name: '保存' }).click();
  await expect(year2).toBeHidden();
  await expect(page.locator('tr[data-year="2024"]')).toContainText('45,000.00');
  await expect(page.locator('tr[data-year="2024"]')).toContainText('空壳/薄弱村');
  await expect(row2025).toContainText('123,456.78');
  await expect(page.locator('tbody tr').first()).toHaveAttribute('data-year', '2025');
  await snap(page, '68-village-years');
  const detail = (await host.call('villages.get', { unitId: village.id })).value as { years: Array<Record<string, unknown>> };
  expect(detail.years.map((y) => y.year)).toEqual([2025, 2024]);
  expect(detail.years[0]).toMatchObject({ collectiveIncomeFen: 12345678, collectiveAssetsFen: 200000000, starRating: 'four_star', fortressIndex: 'strong', memberTotal: 50 });

  // delete 2024 after confirming
  await page.getByRole('button', { name: '删除2024年度' }).click();
  const confirm = page.getByRole('dialog', { name: '删除2024年度数据' });
  await expect(confirm).toBeVisible();
  await settle(page);
  await snap(page, '69-village-year-delete');
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.locator('tr[data-year="2024"]')).toHaveCount(0);
  await expect(row2025).toContainText('123,456.78');

  // 备注
  await tab(page, '备注').click();
  await expect(page.getByText('尚未填写备注')).toBeVisible();
  await page.getByRole('button', { name: '编辑备注' }).click();
  const note = page.getByRole('dialog', { name: '编辑：备注' });
  await note.getByLabel('备注').fill('2025年新建村级活动场所。');
  await note.getByRole('button', { name: '保存' }).click();
  await expect(note).toBeHidden();
  await expect(page.getByText('2025年新建村级活动场所。')).toBeVisible();
  await snap(page, '70-village-note');
});

test('a 查阅 account sees the village file read-only: no edit buttons, no full phones', async ({ page, host }) => {
  const village = await firstVillage(host);
  const saved = await host.call('villages.saveProfile', { unitId: village.id, memberTotal: 40, secretaryName: '王德顺', secretaryPhone: '13900001111' });
  expect(saved.ok, saved.error?.message).toBe(true);
  expect((await host.call('villages.saveYear', { unitId: village.id, year: 2025, collectiveIncomeFen: 8000000 })).ok).toBe(true);
  const created = await host.call('users.create', { ...VIEWER, role: 'viewer', confirm: VIEWER.password });
  expect(created.ok, created.error?.message).toBe(true);
  await logIn(page, host, VIEWER);
  const changed = await pagePost(page, host, 'auth.changePassword', { currentPassword: VIEWER.password, password: 'zijide2026', confirm: 'zijide2026' });
  expect((await changed.json()).ok).toBe(true);

  await openVillage(page, host, village.id, village.name);
  await expect(section(page, '党组织和党员')).toContainText('40 名');
  await expect(page.getByRole('button', { name: /编辑/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '显示完整电话' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '打印简表' })).toBeVisible();
  await snap(page, '71-village-viewer-basic');
  await tab(page, '班子与第一书记').click();
  await expect(section(page, '党组织书记')).toContainText('139****1111');
  await expect(page.getByRole('button', { name: /编辑|任命|离任|更正/ })).toHaveCount(0);
  await tab(page, /年度数据/).click();
  await expect(page.locator('tr[data-year="2025"]')).toContainText('80,000.00');
  await expect(page.getByRole('button', { name: /新增年度|编辑|删除/ })).toHaveCount(0);
  await snap(page, '72-village-viewer-years');
});

test('an address that is not a village shows a message, not a blank page', async ({ page, host }) => {
  await logIn(page, host);
  await page.goto(`${host.url}#/villages/999999`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('button', { name: '返回村情档案列表' })).toBeVisible();
  await snap(page, '73-village-not-found');
  await page.goto(`${host.url}#/villages/abc`);
  await expect(page.getByText('地址中的村（社区）编号不正确')).toBeVisible();
});

test('from the list to a village file and back; 打印简表 opens the print view', async ({ page, host }) => {
  const village = await firstVillage(host);
  await logIn(page, host);
  await page.goto(`${host.url}#/villages`);
  await page.getByLabel('查找村（社区）').fill(village.name);
  await page.locator('[role="gridcell"][data-field="name"]').getByText(village.name, { exact: true }).click();
  await expect(page.getByRole('heading', { name: village.name, exact: true })).toBeVisible();
  await tab(page, /年度数据/).click();
  await expect(page).toHaveURL(/tab=years/);
  await page.getByRole('button', { name: '返回列表' }).click();
  await expect(page).toHaveURL(/#\/villages$/);
  // 返回列表 went back in history: forward again returns to the same tab
  await page.goForward();
  await expect(tab(page, /年度数据/)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: '打印简表' }).click();
  await expect(page).toHaveURL(new RegExp(`#/print/village/${village.id}$`));
});
