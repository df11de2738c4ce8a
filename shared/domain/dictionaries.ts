/**
 * The configurable lists (字典) of DOMAIN.md: every local term list is data, seeded with these
 * defaults, never a hard-coded enum in code paths. Administrators rename, add, reorder, retire
 * (停用) and — while nothing uses them — delete items (设置 → 字典管理).
 *
 * Rule for item values (条目代码):
 * - a value is a stable ASCII key: lower-case letters, digits and `_`, starting with a letter,
 *   at most 40 characters (DICTIONARY_VALUE_PATTERN). Records store the value, never the label,
 *   so renaming an item changes every record's display at once and nothing else.
 * - seed values are short English words (unit_kind's 'village'/'converted'/'urban' set the
 *   style); an item an administrator adds gets the pinyin of its first label (e.g. 驻村工作队 →
 *   'zhucungongzuodui'), unless the administrator types a value.
 * - a value never changes and is never reused while a record holds it (the database refuses an
 *   update of `dict_items.value`).
 *
 * The seed lists here and migrations 003 and 004 (which write them out literally, as a frozen
 * migration must) are kept equal by tests/unit/dictionaries-seed.test.ts.
 */

export const DICTIONARY_VALUE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const DICTIONARY_VALUE_MAX = 40;
export const DICTIONARY_LABEL_MAX = 30;

/** The modules that read dictionaries; labels as the navigation shows them. */
export const DICTIONARY_MODULES = {
  units: '组织架构',
  villages: '村情村况',
  reserves: '后备人才',
  funds: '经费台账',
  venues: '阵地建设',
  rectification: '整顿提升',
} as const;
export type DictionaryModule = keyof typeof DICTIONARY_MODULES;

export const DICTIONARY_NAMES = [
  'unit_kind',
  'star_rating',
  'fortress_index',
  'party_org_type',
  'reserve_source',
  'reserve_category',
  'reserve_recommend_method',
  'reserve_post',
  'education_level',
  'political_status',
  'annual_assessment',
  'fund_category',
  'fund_source_level',
  'fund_recipient_kind',
  'venue_kind',
  'venue_project_type',
  'venue_budget_source',
  'venue_checklist',
  'rectification_situation',
  'six_basics',
  'rectification_item_source',
] as const;
export type DictionaryName = (typeof DICTIONARY_NAMES)[number];

export interface DictionarySeedItem {
  value: string;
  label: string;
  /** only in dictionaries with `groups` (e.g. 一院 / 五室 / 六有) */
  group?: string;
}

export interface DictionaryDef {
  name: DictionaryName;
  label: string;
  description: string;
  module: DictionaryModule;
  /** the groups items fall into, in display order; items of a grouped dictionary must name one */
  groups?: readonly string[];
  /** seed items in their default order (sort_order 1, 2, …) */
  seed: readonly DictionarySeedItem[];
}

const items = (...pairs: Array<[value: string, label: string]>): DictionarySeedItem[] => pairs.map(([value, label]) => ({ value, label }));

/** Every dictionary, in the order the settings page lists them. */
export const DICTIONARIES: Record<DictionaryName, DictionaryDef> = {
  unit_kind: {
    name: 'unit_kind',
    label: '单位类别',
    description: '村（社区）的类别：行政村、村改居社区、城市社区',
    module: 'units',
    seed: items(['village', '行政村'], ['converted', '村改居社区'], ['urban', '城市社区']),
  },
  star_rating: {
    name: 'star_rating',
    label: '评星定级',
    description: '村党组织年度评星定级的等次',
    module: 'villages',
    seed: items(['five_star', '五星'], ['four_star', '四星'], ['three_star', '三星'], ['unrated', '未定级']),
  },
  fortress_index: {
    name: 'fortress_index',
    label: '堡垒指数',
    description: '村党组织战斗堡垒指数的等次',
    module: 'villages',
    seed: items(['strong', '强'], ['medium', '中'], ['weak', '弱']),
  },
  party_org_type: {
    name: 'party_org_type',
    label: '党组织类型',
    description: '村（社区）党组织的设置类型：党委、党总支、党支部',
    module: 'villages',
    seed: items(['committee', '党委'], ['general_branch', '党总支'], ['branch', '党支部']),
  },
  reserve_source: {
    name: 'reserve_source',
    label: '后备人才来源（四个一批）',
    description: '后备人才的来源渠道，默认为“四个一批”',
    module: 'reserves',
    seed: items(['in_village', '村内选拔'], ['called_back', '村外回请'], ['cross_village', '跨村任职'], ['dispatched', '县乡派任']),
  },
  reserve_category: {
    name: 'reserve_category',
    label: '后备人才类别',
    description: '后备人才所属的人才类别',
    module: 'reserves',
    seed: items(
      ['wealth_leader', '致富带头人'],
      ['returned_migrant', '外出务工经商返乡人员'],
      ['veteran', '复员退伍军人'],
      ['returned_graduate', '返乡创业高校毕业生'],
      ['retired_cadre', '退休干部'],
      ['village_official', '大学生村官'],
      ['party_assistant', '农村党建助理员'],
      ['other', '其他'],
    ),
  },
  reserve_recommend_method: {
    name: 'reserve_recommend_method',
    label: '推荐方式',
    description: '后备人才的推荐方式',
    module: 'reserves',
    seed: items(['organisation', '组织推荐'], ['self', '个人自荐'], ['public', '群众举荐'], ['open_election', '公推公选']),
  },
  reserve_post: {
    name: 'reserve_post',
    label: '拟任岗位',
    description: '后备人才拟任的村级岗位',
    module: 'reserves',
    seed: items(['secretary', '村党组织书记'], ['director', '村委会主任'], ['committee_member', '“两委”委员']),
  },
  education_level: {
    name: 'education_level',
    label: '学历',
    description: '学历层次，由低到高排列；后备人才的学历要求按此顺序比较',
    module: 'reserves',
    seed: items(['junior_or_below', '初中及以下'], ['senior_high', '高中（中专）'], ['junior_college', '大专'], ['bachelor', '本科'], ['postgraduate', '研究生']),
  },
  political_status: {
    name: 'political_status',
    label: '政治面貌',
    description: '人员的政治面貌',
    module: 'reserves',
    seed: items(['party_member', '中共党员'], ['probationary', '预备党员'], ['league_member', '共青团员'], ['masses', '群众']),
  },
  annual_assessment: {
    name: 'annual_assessment',
    label: '年度考核等次',
    description: '后备人才年度考核结果',
    module: 'reserves',
    seed: items(['excellent', '优秀'], ['competent', '称职'], ['basically_competent', '基本称职'], ['incompetent', '不称职']),
  },
  fund_category: {
    name: 'fund_category',
    label: '资金类别',
    description: '经费项目的资金类别',
    module: 'funds',
    seed: items(
      ['mass_work', '党组织群众工作专项经费'],
      ['regional', '区域化党建工作经费'],
      ['village_operation', '村级组织运转经费'],
      ['public_service', '为民服务经费'],
      ['secretary_allowance', '书记津贴'],
      ['economy_award', '集体经济增量奖/保持奖'],
      ['central_collective', '中央财政扶持村级集体经济发展资金'],
      ['venue_subsidy', '活动场所建设补助'],
      ['other', '其他'],
    ),
  },
  fund_source_level: {
    name: 'fund_source_level',
    label: '资金来源层级',
    description: '经费项目的资金来自哪一级财政',
    module: 'funds',
    seed: items(['central', '中央'], ['province', '省'], ['city', '市'], ['district', '区'], ['street', '街道']),
  },
  fund_recipient_kind: {
    name: 'fund_recipient_kind',
    label: '拨付对象类别',
    description: '经费拨付给哪一类对象',
    module: 'funds',
    seed: items(['street', '街道'], ['village', '村'], ['community', '社区'], ['person', '个人']),
  },
  venue_kind: {
    name: 'venue_kind',
    label: '场所类别',
    description: '改造提升项目的场所类别',
    module: 'venues',
    seed: items(['village_venue', '村级组织活动场所'], ['community_center', '社区党群服务中心'], ['street_center', '街道党群服务中心']),
  },
  venue_project_type: {
    name: 'venue_project_type',
    label: '建设类型',
    description: '场所项目的建设类型',
    module: 'venues',
    seed: items(['new_build', '新建'], ['rebuild', '改建'], ['extension', '扩建'], ['upgrade', '提升']),
  },
  venue_budget_source: {
    name: 'venue_budget_source',
    label: '场所建设资金来源',
    description: '场所项目预算的资金来源',
    module: 'venues',
    seed: items(
      ['district_finance', '区财政补助'],
      ['street_finance', '街道财政'],
      ['paired_support', '对口帮扶'],
      ['project_funds', '项目资金整合'],
      ['village_funds', '村级自筹'],
    ),
  },
  venue_checklist: {
    name: 'venue_checklist',
    label: '场所验收标准（一院五室六有）',
    description: '场所验收时逐项核对的标准，默认为“一院五室六有”',
    module: 'venues',
    groups: ['一院', '五室', '六有'],
    seed: [
      { value: 'courtyard', label: '院落（设升旗台）', group: '一院' },
      { value: 'committee_office', label: '两委办公室', group: '五室' },
      { value: 'member_room', label: '党员活动室', group: '五室' },
      { value: 'service_room', label: '便民服务室', group: '五室' },
      { value: 'culture_room', label: '文化活动室', group: '五室' },
      { value: 'library', label: '图书室', group: '五室' },
      { value: 'has_premises', label: '有场所', group: '六有' },
      { value: 'has_facilities', label: '有设施', group: '六有' },
      { value: 'has_rules', label: '有制度', group: '六有' },
      { value: 'has_materials', label: '有资料', group: '六有' },
      { value: 'has_activities', label: '有活动', group: '六有' },
      { value: 'has_records', label: '有记录', group: '六有' },
    ],
  },
  rectification_situation: {
    name: 'rectification_situation',
    label: '软弱涣散情形',
    description: '排查认定软弱涣散基层党组织的情形',
    module: 'rectification',
    seed: items(
      ['incomplete_team', '班子不齐、书记缺职'],
      ['incompetent_secretary', '书记不胜任'],
      ['disunited_team', '班子不团结'],
      ['rules_ignored', '组织制度形同虚设'],
      ['election_bribery', '换届拉票贿选'],
      ['outside_interference', '宗族宗教或黑恶势力干扰'],
      ['disclosure_chaos', '村务财务公开混乱'],
      ['petitions', '治安信访集中'],
      ['no_venue', '无活动场所'],
      ['poor_service', '服务意识差、群众意见大'],
      ['no_collective_income', '无集体经济收入'],
      ['other', '其他'],
    ),
  },
  six_basics: {
    name: 'six_basics',
    label: '问题类别（六个基本）',
    description: '整改问题清单的问题类别，默认为“六个基本”，自查自纠清单也按此分类',
    module: 'rectification',
    seed: items(
      ['position', '基本阵地'],
      ['organisation', '基本组织'],
      ['system', '基本制度'],
      ['team', '基本队伍'],
      ['activity', '基本活动'],
      ['support', '基本保障'],
    ),
  },
  rectification_item_source: {
    name: 'rectification_item_source',
    label: '问题来源',
    description: '整改问题是怎样发现的',
    module: 'rectification',
    seed: items(['screening', '排查'], ['inspection', '督查'], ['self_check', '自查'], ['petition', '信访']),
  },
};

export const isDictionaryName = (name: string): name is DictionaryName => (DICTIONARY_NAMES as readonly string[]).includes(name);

/** Every seed item as the dict_items row it becomes (sort_order from 1 in list order). */
export function seedRows(): Array<{ dict: DictionaryName; value: string; label: string; sortOrder: number; group: string | null }> {
  return DICTIONARY_NAMES.flatMap((name) =>
    DICTIONARIES[name].seed.map((item, index) => ({ dict: name, value: item.value, label: item.label, sortOrder: index + 1, group: item.group ?? null })),
  );
}
