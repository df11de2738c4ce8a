import type { Migration } from './types';

/**
 * FROZEN: never edit a migration that has shipped; add a new one instead.
 *
 * The seed lists are written out literally (a migration must not import code that can change);
 * tests/unit/dictionaries-seed.test.ts checks they equal shared/domain/dictionaries.ts.
 */
export const m003Dictionaries: Migration = {
  version: 3,
  name: '字典：全部可配置列表及默认条目',
  sql: `
-- Items of grouped dictionaries (一院 / 五室 / 六有) name their group.
ALTER TABLE dict_items ADD COLUMN group_label TEXT CHECK (group_label IS NULL OR length(trim(group_label)) > 0);

-- Among the items in use (not retired) of one dictionary, names differ.
CREATE UNIQUE INDEX dict_items_active_label ON dict_items(dict, label) WHERE retired = 0;

-- Records store values, so a value never changes (labels do).
CREATE TRIGGER dict_items_value_frozen BEFORE UPDATE OF dict, value ON dict_items
WHEN NEW.dict IS NOT OLD.dict OR NEW.value IS NOT OLD.value
BEGIN SELECT RAISE(ABORT, 'dictionary values never change'); END;

-- A 单位类别 held by a unit cannot be deleted, only retired (the service says so first).
CREATE TRIGGER dict_items_unit_kind_in_use BEFORE DELETE ON dict_items
WHEN OLD.dict = 'unit_kind' AND EXISTS (SELECT 1 FROM org_units WHERE level = 'unit' AND kind = OLD.value)
BEGIN SELECT RAISE(ABORT, 'dictionary value in use'); END;

-- Seeds (DOMAIN.md); unit_kind was seeded by migration 001.
INSERT INTO dict_items (dict, value, label, sort_order, group_label) VALUES
  ('star_rating', 'five_star', '五星', 1, NULL),
  ('star_rating', 'four_star', '四星', 2, NULL),
  ('star_rating', 'three_star', '三星', 3, NULL),
  ('star_rating', 'unrated', '未定级', 4, NULL),
  ('fortress_index', 'strong', '强', 1, NULL),
  ('fortress_index', 'medium', '中', 2, NULL),
  ('fortress_index', 'weak', '弱', 3, NULL),
  ('reserve_source', 'in_village', '村内选拔', 1, NULL),
  ('reserve_source', 'called_back', '村外回请', 2, NULL),
  ('reserve_source', 'cross_village', '跨村任职', 3, NULL),
  ('reserve_source', 'dispatched', '县乡派任', 4, NULL),
  ('reserve_category', 'wealth_leader', '致富带头人', 1, NULL),
  ('reserve_category', 'returned_migrant', '外出务工经商返乡人员', 2, NULL),
  ('reserve_category', 'veteran', '复员退伍军人', 3, NULL),
  ('reserve_category', 'returned_graduate', '返乡创业高校毕业生', 4, NULL),
  ('reserve_category', 'retired_cadre', '退休干部', 5, NULL),
  ('reserve_category', 'village_official', '大学生村官', 6, NULL),
  ('reserve_category', 'party_assistant', '农村党建助理员', 7, NULL),
  ('reserve_category', 'other', '其他', 8, NULL),
  ('reserve_recommend_method', 'organisation', '组织推荐', 1, NULL),
  ('reserve_recommend_method', 'self', '个人自荐', 2, NULL),
  ('reserve_recommend_method', 'public', '群众举荐', 3, NULL),
  ('reserve_recommend_method', 'open_election', '公推公选', 4, NULL),
  ('reserve_post', 'secretary', '村党组织书记', 1, NULL),
  ('reserve_post', 'director', '村委会主任', 2, NULL),
  ('reserve_post', 'committee_member', '“两委”委员', 3, NULL),
  ('education_level', 'junior_or_below', '初中及以下', 1, NULL),
  ('education_level', 'senior_high', '高中（中专）', 2, NULL),
  ('education_level', 'junior_college', '大专', 3, NULL),
  ('education_level', 'bachelor', '本科', 4, NULL),
  ('education_level', 'postgraduate', '研究生', 5, NULL),
  ('political_status', 'party_member', '中共党员', 1, NULL),
  ('political_status', 'probationary', '预备党员', 2, NULL),
  ('political_status', 'league_member', '共青团员', 3, NULL),
  ('political_status', 'masses', '群众', 4, NULL),
  ('annual_assessment', 'excellent', '优秀', 1, NULL),
  ('annual_assessment', 'competent', '称职', 2, NULL),
  ('annual_assessment', 'basically_competent', '基本称职', 3, NULL),
  ('annual_assessment', 'incompetent', '不称职', 4, NULL),
  ('fund_category', 'mass_work', '党组织群众工作专项经费', 1, NULL),
  ('fund_category', 'regional', '区域化党建工作经费', 2, NULL),
  ('fund_category', 'village_operation', '村级组织运转经费', 3, NULL),
  ('fund_category', 'public_service', '为民服务经费', 4, NULL),
  ('fund_category', 'secretary_allowance', '书记津贴', 5, NULL),
  ('fund_category', 'economy_award', '集体经济增量奖/保持奖', 6, NULL),
  ('fund_category', 'central_collective', '中央财政扶持村级集体经济发展资金', 7, NULL),
  ('fund_category', 'venue_subsidy', '活动场所建设补助', 8, NULL),
  ('fund_category', 'other', '其他', 9, NULL),
  ('fund_source_level', 'central', '中央', 1, NULL),
  ('fund_source_level', 'province', '省', 2, NULL),
  ('fund_source_level', 'city', '市', 3, NULL),
  ('fund_source_level', 'district', '区', 4, NULL),
  ('fund_source_level', 'street', '街道', 5, NULL),
  ('fund_recipient_kind', 'street', '街道', 1, NULL),
  ('fund_recipient_kind', 'village', '村', 2, NULL),
  ('fund_recipient_kind', 'community', '社区', 3, NULL),
  ('fund_recipient_kind', 'person', '个人', 4, NULL),
  ('venue_kind', 'village_venue', '村级组织活动场所', 1, NULL),
  ('venue_kind', 'community_center', '社区党群服务中心', 2, NULL),
  ('venue_kind', 'street_center', '街道党群服务中心', 3, NULL),
  ('venue_project_type', 'new_build', '新建', 1, NULL),
  ('venue_project_type', 'rebuild', '改建', 2, NULL),
  ('venue_project_type', 'extension', '扩建', 3, NULL),
  ('venue_project_type', 'upgrade', '提升', 4, NULL),
  ('venue_budget_source', 'district_finance', '区财政补助', 1, NULL),
  ('venue_budget_source', 'street_finance', '街道财政', 2, NULL),
  ('venue_budget_source', 'paired_support', '对口帮扶', 3, NULL),
  ('venue_budget_source', 'project_funds', '项目资金整合', 4, NULL),
  ('venue_budget_source', 'village_funds', '村级自筹', 5, NULL),
  ('venue_checklist', 'courtyard', '院落（设升旗台）', 1, '一院'),
  ('venue_checklist', 'committee_office', '两委办公室', 2, '五室'),
  ('venue_checklist', 'member_room', '党员活动室', 3, '五室'),
  ('venue_checklist', 'service_room', '便民服务室', 4, '五室'),
  ('venue_checklist', 'culture_room', '文化活动室', 5, '五室'),
  ('venue_checklist', 'library', '图书室', 6, '五室'),
  ('venue_checklist', 'has_premises', '有场所', 7, '六有'),
  ('venue_checklist', 'has_facilities', '有设施', 8, '六有'),
  ('venue_checklist', 'has_rules', '有制度', 9, '六有'),
  ('venue_checklist', 'has_materials', '有资料', 10, '六有'),
  ('venue_checklist', 'has_activities', '有活动', 11, '六有'),
  ('venue_checklist', 'has_records', '有记录', 12, '六有'),
  ('rectification_situation', 'incomplete_team', '班子不齐、书记缺职', 1, NULL),
  ('rectification_situation', 'incompetent_secretary', '书记不胜任', 2, NULL),
  ('rectification_situation', 'disunited_team', '班子不团结', 3, NULL),
  ('rectification_situation', 'rules_ignored', '组织制度形同虚设', 4, NULL),
  ('rectification_situation', 'election_bribery', '换届拉票贿选', 5, NULL),
  ('rectification_situation', 'outside_interference', '宗族宗教或黑恶势力干扰', 6, NULL),
  ('rectification_situation', 'disclosure_chaos', '村务财务公开混乱', 7, NULL),
  ('rectification_situation', 'petitions', '治安信访集中', 8, NULL),
  ('rectification_situation', 'no_venue', '无活动场所', 9, NULL),
  ('rectification_situation', 'poor_service', '服务意识差、群众意见大', 10, NULL),
  ('rectification_situation', 'no_collective_income', '无集体经济收入', 11, NULL),
  ('rectification_situation', 'other', '其他', 12, NULL),
  ('six_basics', 'position', '基本阵地', 1, NULL),
  ('six_basics', 'organisation', '基本组织', 2, NULL),
  ('six_basics', 'system', '基本制度', 3, NULL),
  ('six_basics', 'team', '基本队伍', 4, NULL),
  ('six_basics', 'activity', '基本活动', 5, NULL),
  ('six_basics', 'support', '基本保障', 6, NULL),
  ('rectification_item_source', 'screening', '排查', 1, NULL),
  ('rectification_item_source', 'inspection', '督查', 2, NULL),
  ('rectification_item_source', 'self_check', '自查', 3, NULL),
  ('rectification_item_source', 'petition', '信访', 4, NULL);
`,
};
