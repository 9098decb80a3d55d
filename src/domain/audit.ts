/**
 * What the audit log can record: every kind of subject and every action, in one place, so the
 * services can only write what the audit page can name (and filter by) in all six languages.
 */
export const AUDIT_SUBJECTS = [
  'organization', 'entity', 'location', 'person', 'team', 'user', 'api_token',
  'risk_matrix', 'risk', 'treatment', 'joint_assessment',
  'security_area', 'threat_assessment', 'sra', 'programme', 'compliance_template', 'compliance_item',
  'bc_settings', 'bc_campaign', 'bc_process', 'bc_strategy', 'bc_dependency', 'bc_application', 'bc_data_centre', 'bc_vendor',
  'plan_type', 'plan_template', 'plan', 'wallet_card', 'exercise', 'after_action_review', 'corrective_action', 'lesson',
  'message', 'message_template', 'notify_policy', 'trip',
] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

export const AUDIT_ACTIONS = [
  'create', 'update', 'delete', 'import', 'seed',
  'login', 'login_failed', 'lockout', 'logout', 'password_change', 'password_reset', 'revoke',
  'add_member', 'update_member', 'remove_member',
  'rate', 'assess', 'set_level',
  'answer', 'edit_draft', 'new_version', 'comment', 'submit', 'approve', 'reject', 'return', 'reopen', 'withdraw', 'cancel', 'activate', 'task', 'remind', 'read_reminder', 'flag_for_review',
  'result', 'add_finding', 'dr_test',
  'send', 'send_bypass', 'resend', 'escalate', 'publish', 'unpublish',
  'clear', 'refuse_clearance', 'report_location',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
