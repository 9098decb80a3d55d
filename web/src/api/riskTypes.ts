/** Shapes of the risk and security API answers (see src/modules/risk/schema.ts and src/modules/security/schema.ts). */
import type { RiskMatrix } from '../../../src/domain/risk/matrix.js';

export interface RatingOut { likelihood: number; impact: number; level: string; band: string }
export interface RatingRecord {
  id: string; kind: string; matrixId: string; likelihood: number; impact: number; level: string; band: string;
  entityId: string | null; note: string | null; ratedBy: string | null; ratedAt: string;
}
export interface Risk {
  id: string; title: string; cause: string; event: string; consequence: string;
  entityId: string | null; locationId: string | null; jointAssessmentId: string | null; ownerPersonId: string | null;
  components: string[]; status: string; matrixId: string; inherent: RatingOut; residual: RatingOut | null;
  reviewDue: string | null; reviewOverdue: boolean; createdAt: string; updatedAt: string;
}
export interface Treatment {
  id: string; riskId: string; riskTitle?: string; action: string; ownerPersonId: string; ownerName?: string; startDate: string | null; dueDate: string | null;
  status: string; cost: number | null; currency: string | null; completedOn: string | null; overdue: boolean; createdAt: string; updatedAt: string;
}
export interface Matrix {
  id: string; key: string; version: number; name: string; definition: RiskMatrix; createdAt: string;
  usage?: { risks: number; sras: number; jointAssessments: number };
}
export interface Heatmap { kind: string; total: number; cells: { likelihood: number; impact: number; count: number }[]; bands: Record<string, number> }

export interface SecurityLevelRecord {
  id: string; level: number; name: string; categories: Record<string, number>; justification: string;
  effectiveFrom: string; approvedBy: string | null; createdAt: string;
}
export interface SecurityArea { id: string; countryCode: string; name: string; locationIds: string[]; currentLevel: SecurityLevelRecord | null; createdAt: string; updatedAt: string }
export interface ThreatAssessment {
  id: string; areaId: string; assessedOn: string; summary: string; proposedLevel: number | null; createdAt: string;
  threats: Record<string, { level: number; intent: string; capability: string; context: string }>;
}
export interface Sra {
  id: string; areaId: string; title: string; assessedOn: string; validUntil: string | null; status: string; matrixId: string;
  highestResidual: string | null; createdAt: string; updatedAt: string;
  scenarios: { id: string; threatCategory: string; description: string; inherent: RatingOut; existingMeasures: string; recommendedMeasures: string; residual: RatingOut }[];
}
export interface Verdict {
  id: string; name: string; entityId: string; locationId: string; criticality: string;
  residual: string | null; acceptable: boolean | null; approver: string | null;
}
export interface AcceptableRiskReport { verdicts: Verdict[]; unacceptable: Verdict[]; unassessed: Verdict[] }

export interface JointAssessment {
  id: string; title: string; locationId: string; assessedOn: string; status: string; matrixId: string;
  entityIds: string[]; createdAt: string; updatedAt: string;
}
export interface JointRating {
  riskId: string; entityId: string; kind: string; likelihood: number; impact: number; level: string; band: string;
  note: string | null; ratedBy: string | null; ratedAt: string;
}
export interface LocationRiskSummary { locationId: string; worstResidual: string | null; openRisks: number; securityLevel: number | null }

export interface Programme { id: string; name: string; entityId: string; locationId: string; sraId: string | null; criticality: string; createdAt: string; updatedAt: string }
export interface ComplianceTemplate { id: string; kind: string; name: string; items: { id: string; code: string; text: string }[]; createdAt: string; updatedAt: string }
export interface ChecklistItem { itemId: string; code: string; text: string; status: string | null; evidence: string; dueDate: string | null; updatedAt: string | null }
export interface Checklist { locationId: string; templateId: string; percent: number | null; items: ChecklistItem[] }
export interface ComplianceSummary {
  templateId: string; percent: number | null;
  countries: { countryCode: string; percent: number | null; locations: number }[];
  locations: { locationId: string; name: string; countryCode: string; percent: number | null; assessed: number; items: number }[];
}
