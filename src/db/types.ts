import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types. Conventions: ids are UUIDv7 text; times are ISO-8601 UTC text;
 * booleans are integers 0/1; JSON is text. The same DDL runs on SQLite and PostgreSQL.
 */
export interface EntityTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  /** Materialized path of ids, '/root/…/self/', for subtree queries. */
  path: string;
  created_at: string;
  updated_at: string;
}

export interface CountryTable {
  code: string;
  alpha3: string;
  name_en: string;
  name_fr: string;
  name_es: string;
  name_ru: string;
  name_zh: string;
  name_ar: string;
}

export interface LocationTable {
  id: string;
  external_id: string | null;
  kind: string;
  name: string;
  parent_id: string | null;
  country_code: string;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  time_zone: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  external_id: string | null;
  kind: string;
  given_name: string;
  family_name: string;
  entity_id: string | null;
  home_location_id: string | null;
  sponsor_id: string | null;
  job_title: string | null;
  language: string;
  status: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface ContactPointTable {
  id: string;
  person_id: string;
  kind: string;
  value: string;
  label: string | null;
  priority: number;
}

export interface TeamTable {
  id: string;
  name: string;
  kind: string;
  entity_id: string | null;
  location_id: string | null;
  terms_of_reference: string;
  created_at: string;
  updated_at: string;
}

export interface TeamMemberTable {
  id: string;
  team_id: string;
  person_id: string;
  role: string;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  person_id: string | null;
  language: string;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  scope_type: string;
  scope_id: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  entity_id: string | null;
  location_id: string | null;
  before: string | null;
  after: string | null;
}

export interface RiskMatrixTable {
  id: string;
  key: string;
  version: number;
  name: string;
  /** The RiskMatrix of src/domain/risk/matrix.ts, as JSON. */
  definition: string;
  created_at: string;
}

export interface JointAssessmentTable {
  id: string;
  title: string;
  location_id: string;
  assessed_on: string;
  status: string;
  matrix_id: string;
  created_at: string;
  updated_at: string;
}

export interface JointAssessmentEntityTable { assessment_id: string; entity_id: string }

export interface RiskTable {
  id: string;
  title: string;
  cause: string;
  event: string;
  consequence: string;
  entity_id: string | null;
  location_id: string | null;
  joint_assessment_id: string | null;
  owner_person_id: string | null;
  /** JSON array of component keys; mirrored in risk_components for filtering. */
  components: string;
  status: string;
  matrix_id: string;
  inherent_likelihood: number;
  inherent_impact: number;
  inherent_band: string;
  residual_likelihood: number | null;
  residual_impact: number | null;
  residual_band: string | null;
  review_due: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface RiskComponentTable { risk_id: string; component: string }

export interface RiskRatingTable {
  id: string;
  risk_id: string;
  kind: string;
  matrix_id: string;
  likelihood: number;
  impact: number;
  level: string;
  band: string;
  entity_id: string | null;
  note: string | null;
  rated_by: string | null;
  rated_at: string;
}

export interface TreatmentTable {
  id: string;
  risk_id: string;
  action: string;
  owner_person_id: string;
  start_date: string | null;
  due_date: string | null;
  status: string;
  cost: number | null;
  currency: string | null;
  completed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface SecurityAreaTable { id: string; country_code: string; name: string; created_at: string; updated_at: string }
export interface SecurityAreaLocationTable { area_id: string; location_id: string }
export interface SecurityLevelTable {
  id: string;
  area_id: string;
  level: number;
  /** JSON: threat category → level 1–6. */
  categories: string;
  justification: string;
  effective_from: string;
  approved_by: string | null;
  created_at: string;
}
export interface ThreatAssessmentTable {
  id: string;
  area_id: string;
  assessed_on: string;
  summary: string;
  /** JSON: threat category → { level, intent, capability, context }. */
  threats: string;
  created_at: string;
}
export interface SraTable {
  id: string;
  area_id: string;
  title: string;
  assessed_on: string;
  valid_until: string | null;
  status: string;
  matrix_id: string;
  created_at: string;
  updated_at: string;
}
export interface SraScenarioTable {
  id: string;
  sra_id: string;
  threat_category: string;
  description: string;
  likelihood: number;
  impact: number;
  existing_measures: string;
  recommended_measures: string;
  residual_likelihood: number;
  residual_impact: number;
  residual_band: string;
}
export interface ProgrammeTable {
  id: string;
  name: string;
  entity_id: string;
  location_id: string;
  sra_id: string | null;
  criticality: string;
  created_at: string;
  updated_at: string;
}
export interface ComplianceTemplateTable { id: string; kind: string; name: string; created_at: string; updated_at: string }
export interface ComplianceTemplateItemTable { id: string; template_id: string; code: string; text: string; position: number }
export interface ComplianceItemTable {
  id: string;
  location_id: string;
  template_item_id: string;
  status: string;
  evidence: string;
  due_date: string | null;
  updated_at: string;
}

export interface MessageTemplateTable {
  id: string; name: string; severity: string; content: string; response_options: string | null; created_at: string; updated_at: string;
  /** JSON: variable name → default value. */
  variables: string; channels: string; created_by: string | null;
}
export interface MessageTable {
  id: string;
  title: string;
  severity: string;
  /** JSON: language → { subject, body }, with {{variables}}. */
  content: string;
  variables: string;
  response_options: string | null;
  audience: string;
  channels: string;
  status: string;
  approvals_required: number;
  drafted_by: string;
  sent_by: string | null;
  sent_at: string | null;
  bypass_reason: string | null;
  recipient_count: number | null;
  created_at: string;
  updated_at: string;
  scope_type: string;
  scope_id: string | null;
  template_id: string | null;
  /** 'message', or 'escalation' (to wardens about the parent message's non-responders). */
  kind: string;
  parent_id: string | null;
  escalate_after_minutes: number | null;
  escalated_at: string | null;
  /** JSON: the approval policy in force at submission. */
  policy: string | null;
}
export interface MessageApprovalTable { id: string; message_id: string; user_id: string; decision: string; comment: string | null; at: string }
export interface MessageRecipientTable {
  id: string;
  message_id: string;
  person_id: string;
  language: string;
  entity_id: string | null;
  location_id: string | null;
  reached: number;
  latest_answer: string | null;
  answered_at: string | null;
  /** The last of the recipient's responses, whose previous_id leads back through the others. */
  last_response_id: string | null;
}
export interface ResponseTable { id: string; message_id: string; recipient_id: string; answer: string; channel: string; received_at: string; previous_id: string | null }
export interface AppSecretTable { name: string; value: string }
export interface DeliveryTable {
  id: string;
  message_id: string;
  recipient_id: string;
  person_id: string;
  channel: string;
  address: string;
  /** 0 for the first send; each resend to non-responders is the next round. */
  round: number;
  /** queued → sending (claimed, under lease) → sent | failed; failed rows may fail over to the next contact point. */
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  worker: string | null;
  provider_id: string | null;
  last_error: string | null;
  sent_at: string | null;
  updated_at: string;
}
export interface NotifyPolicyTable {
  id: string; scope_key: string; scope_type: string; scope_id: string | null; approvals_required: number;
  /** JSON array of roles. */
  sender_roles: string; sender_may_be_drafter: number; bypass_allowed: number; updated_by: string | null; created_at: string; updated_at: string;
}
export interface InboxItemTable {
  id: string; user_id: string; delivery_id: string; message_id: string; recipient_id: string; severity: string; language: string;
  subject: string; body: string; created_at: string; delivered_at: string | null; read_at: string | null;
}
/** The accountability board's counts per message: per duty station or entity ('' for none), recipients, reached, and each answer ('answer:<answer>'). */
/** One row of a message's accountability board (migration 020); answer_N counts those whose latest answer is the message's Nth option. */
export interface MessageBoardCountTable {
  message_id: string; dim: 'location' | 'entity'; key: string; recipients: number; reached: number;
  answer_1: number; answer_2: number; answer_3: number; answer_4: number; answer_5: number; answer_6: number;
}
/** PostgreSQL only (migration 019): a message's deliveries per channel and status, kept by triggers on deliveries. */
export interface MessageDeliveryCountTable { message_id: string; channel: string; status: string; n: number }

export interface BcSettingsTable { id: string; intolerable_level: number; data_version: number; updated_at: string }
export interface BcCampaignTable {
  id: string;
  name: string;
  entity_id: string | null;
  location_id: string | null;
  owner_person_id: string | null;
  period_start: string | null;
  period_end: string | null;
  /** draft → in_review → approved. */
  status: string;
  /** JSON array of BIA time points in hours. */
  time_points: string;
  submitted_by: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface BcProcessTable {
  id: string;
  campaign_id: string;
  entity_id: string | null;
  location_id: string | null;
  name: string;
  description: string;
  owner_person_id: string | null;
  /** JSON: dimension → rating per time point of the campaign (null = not answered yet). */
  impact_ratings: string;
  /** Derived from the impact ratings; never set directly. */
  mtpd_hours: number | null;
  rto_hours: number | null;
  rpo_hours: number | null;
  /** JSON array of text. */
  peak_periods: string;
  minimum_staff: number | null;
  staff_count: number | null;
  remote_work: string | null;
  /** JSON array of text. */
  vital_records: string;
  /** JSON: minimum staff (whole number or null) per time point of the campaign. */
  minimum_staff_over_time: string;
  workarounds: string;
  questionnaire_status: string;
  questionnaire_progress: number;
  submitted_at: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}
export interface BcDataCentreTable {
  id: string;
  name: string;
  location_id: string;
  entity_id: string | null;
  tier: string | null;
  failover_data_centre_id: string | null;
  failover_readiness: string | null;
  failover_activation_hours: number | null;
  created_at: string;
  updated_at: string;
}
export interface BcApplicationTable {
  id: string;
  name: string;
  /** application | ict_service */
  kind: string;
  description: string;
  entity_id: string | null;
  location_id: string | null;
  criticality: string;
  replication: string;
  backup_method: string;
  achievable_rto_hours: number | null;
  achievable_rpo_hours: number | null;
  last_tested_on: string | null;
  dr_plan_url: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}
export interface BcApplicationHostingTable { application_id: string; data_centre_id: string; position: number }
export interface BcDrTestTable {
  id: string;
  application_id: string;
  tested_on: string;
  achieved_rto_hours: number | null;
  achieved_rpo_hours: number | null;
  result: string;
  notes: string;
  created_at: string;
}
export interface BcVendorTable {
  id: string;
  name: string;
  service: string;
  entity_id: string | null;
  location_id: string | null;
  sla_hours: number | null;
  contact: string;
  search_text: string;
  created_at: string;
  updated_at: string;
}
export interface BcDependencyTable {
  id: string;
  from_id: string;
  from_type: string;
  to_id: string;
  to_type: string;
  needed_within_hours: number;
  note: string;
  created_at: string;
  updated_at: string;
}
export interface BcDependencyAlternateTable { dependency_id: string; position: number; node_id: string; node_type: string; readiness: string; activation_hours: number }
export interface BcStrategyTable {
  id: string;
  process_id: string;
  kind: string;
  readiness: string;
  activation_hours: number;
  resource_id: string | null;
  resource_type: string | null;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface PlanTypeTable { id: string; key: string; name: string; review_months: number; allow_self_approval: number; created_at: string; updated_at: string }
export interface PlanTemplateTable { id: string; plan_type_id: string | null; name: string; /** JSON PlanContent. */ content: string; created_at: string; updated_at: string }
export interface PlanTable {
  id: string;
  plan_type_id: string;
  title: string;
  entity_id: string | null;
  location_id: string | null;
  owner_person_id: string;
  approver_person_id: string | null;
  status: string;
  activation_criteria: string;
  /** The approved version in force. */
  current_version_id: string | null;
  review_due: string | null;
  review_triggered_by: string | null;
  review_trigger_note: string | null;
  review_flagged_at: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}
export interface PlanEntityTable { plan_id: string; entity_id: string }
export interface PlanLinkTable { plan_id: string; kind: string; target_id: string }
export interface PlanVersionTable {
  id: string;
  plan_id: string;
  number: number;
  status: string;
  /** JSON PlanContent; never changes once the version is submitted. */
  content: string;
  change_note: string;
  drafted_by: string | null;
  drafted_by_email: string | null;
  submitted_at: string | null;
  approved_by: string | null;
  approved_by_email: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface PlanApprovalEventTable { id: string; version_id: string; user_id: string | null; email: string | null; action: string; comment: string; at: string }
export interface PlanReviewTriggerTable { id: string; plan_id: string; trigger: string; note: string; source_type: string | null; source_id: string | null; at: string }
export interface PlanReminderTable { id: string; plan_id: string; person_id: string; kind: string; review_due: string; emailed_to: string | null; email_error: string | null; read_at: string | null; created_at: string }
export interface PlanActivationTable { id: string; plan_id: string; version_id: string; reason: string; activated_by: string | null; activated_at: string; deactivated_at: string | null }
export interface PlanTaskTable { id: string; activation_id: string; plan_id: string; section: string; text: string; role: string; position: number; status: string; done_by: string | null; done_at: string | null }
export interface WalletCardTable { location_id: string; title: string; /** JSON [{label, number}]. */ numbers: string; /** JSON string[]. */ first_actions: string; updated_at: string }
export interface ExerciseTable {
  id: string;
  title: string;
  kind: string;
  entity_id: string | null;
  location_id: string | null;
  starts_at: string;
  ends_at: string;
  scenario: string;
  status: string;
  created_at: string;
  updated_at: string;
}
export interface ExerciseObjectiveTable { id: string; exercise_id: string; position: number; text: string; result: string | null; result_note: string }
export interface ExercisePlanTable { exercise_id: string; plan_id: string }
export interface ExerciseTeamTable { exercise_id: string; team_id: string }
export interface ExerciseParticipantTable { exercise_id: string; person_id: string; role: string; attended: number | null }
export interface AfterActionReviewTable {
  id: string;
  kind: string;
  exercise_id: string | null;
  title: string;
  event_date: string;
  entity_id: string | null;
  location_id: string | null;
  what_happened: string;
  what_worked: string;
  what_did_not: string;
  created_at: string;
  updated_at: string;
}
export interface CorrectiveActionTable {
  id: string;
  review_id: string;
  finding: string;
  action: string;
  owner_person_id: string;
  due_date: string;
  status: string;
  plan_id: string | null;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
}
/** On PostgreSQL the table also has a generated search_vector (tsvector); on SQLite, lessons_fts mirrors it. */
export interface LessonTable {
  id: string;
  title: string;
  body: string;
  category: string;
  /** Tags joined by spaces, for the text index; lesson_tags has one row each. */
  tags: string;
  /** Title, body and tags in lower case without diacritics: what PostgreSQL's text index is built from. */
  search_text: string;
  entity_id: string | null;
  location_id: string | null;
  review_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
export interface LessonTagTable { lesson_id: string; tag: string }

export interface TripTable {
  id: string;
  person_id: string;
  filed_by: string;
  purpose: string;
  status: string;
  start_on: string;
  end_on: string;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface TripLegTable {
  id: string;
  trip_id: string;
  seq: number;
  from_location_id: string;
  to_location_id: string;
  depart_on: string;
  leave_on: string;
  clearance: string | null;
  decided_by: string | null;
  decided_by_email: string | null;
  decided_at: string | null;
  comment: string | null;
  level_at_decision: number | null;
}
export interface PersonLocationTable {
  id: string;
  person_id: string;
  location_id: string | null;
  latitude: number | null;
  longitude: number | null;
  note: string | null;
  reported_at: string;
  reported_by: string | null;
}
export interface MessagePublicationTable { message_id: string; public: number; changed_by: string | null; changed_at: string }

export interface Database {
  entities: EntityTable;
  countries: CountryTable;
  locations: LocationTable;
  people: PersonTable;
  contact_points: ContactPointTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  risk_matrices: RiskMatrixTable;
  joint_assessments: JointAssessmentTable;
  joint_assessment_entities: JointAssessmentEntityTable;
  risks: RiskTable;
  risk_components: RiskComponentTable;
  risk_ratings: RiskRatingTable;
  treatments: TreatmentTable;
  security_areas: SecurityAreaTable;
  security_area_locations: SecurityAreaLocationTable;
  security_levels: SecurityLevelTable;
  threat_assessments: ThreatAssessmentTable;
  sras: SraTable;
  sra_scenarios: SraScenarioTable;
  programmes: ProgrammeTable;
  compliance_templates: ComplianceTemplateTable;
  compliance_template_items: ComplianceTemplateItemTable;
  compliance_items: ComplianceItemTable;
  message_templates: MessageTemplateTable;
  messages: MessageTable;
  message_approvals: MessageApprovalTable;
  message_recipients: MessageRecipientTable;
  deliveries: DeliveryTable;
  responses: ResponseTable;
  notify_policies: NotifyPolicyTable;
  inbox_items: InboxItemTable;
  app_secrets: AppSecretTable;
  message_board_counts: MessageBoardCountTable;
  message_delivery_counts: MessageDeliveryCountTable;
  bc_settings: BcSettingsTable;
  bc_campaigns: BcCampaignTable;
  bc_processes: BcProcessTable;
  bc_data_centres: BcDataCentreTable;
  bc_applications: BcApplicationTable;
  bc_application_hosting: BcApplicationHostingTable;
  bc_dr_tests: BcDrTestTable;
  bc_vendors: BcVendorTable;
  bc_dependencies: BcDependencyTable;
  bc_dependency_alternates: BcDependencyAlternateTable;
  bc_strategies: BcStrategyTable;
  plan_types: PlanTypeTable;
  plan_templates: PlanTemplateTable;
  plans: PlanTable;
  plan_entities: PlanEntityTable;
  plan_links: PlanLinkTable;
  plan_versions: PlanVersionTable;
  plan_approval_events: PlanApprovalEventTable;
  plan_review_triggers: PlanReviewTriggerTable;
  plan_reminders: PlanReminderTable;
  plan_activations: PlanActivationTable;
  plan_tasks: PlanTaskTable;
  wallet_cards: WalletCardTable;
  exercises: ExerciseTable;
  exercise_objectives: ExerciseObjectiveTable;
  exercise_plans: ExercisePlanTable;
  exercise_teams: ExerciseTeamTable;
  exercise_participants: ExerciseParticipantTable;
  after_action_reviews: AfterActionReviewTable;
  corrective_actions: CorrectiveActionTable;
  lessons: LessonTable;
  lesson_tags: LessonTagTable;
  trips: TripTable;
  trip_legs: TripLegTable;
  person_locations: PersonLocationTable;
  message_publications: MessagePublicationTable;
}

export type EntityRow = Selectable<EntityTable>;
export type LocationRow = Selectable<LocationTable>;
export type PersonRow = Selectable<PersonTable>;
export type TeamRow = Selectable<TeamTable>;
export type UserRow = Selectable<UserTable>;
export type RiskRow = Selectable<RiskTable>;
export type TreatmentRow = Selectable<TreatmentTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type { Generated };
