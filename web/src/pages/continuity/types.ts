/** Shapes of the continuity API's answers (see src/modules/continuity/schema.ts). */
export interface BiaSettings { intolerableLevel: number; impactScale: { value: number; label: string }[]; impactDimensions: string[]; updatedAt: string }

export interface Campaign {
  id: string; name: string; entityId: string | null; locationId: string | null; ownerPersonId: string | null;
  periodStart: string | null; periodEnd: string | null; status: 'draft' | 'in_review' | 'approved'; timePointsHours: number[];
  submittedBy: string | null; submittedAt: string | null; approvedBy: string | null; approvedAt: string | null; createdAt: string; updatedAt: string;
}

export type Ratings = Record<string, (number | null)[]>;
export interface Process {
  id: string; campaignId: string; entityId: string | null; locationId: string | null; name: string; description: string; ownerPersonId: string | null;
  timePointsHours: number[]; impactRatings: Ratings; mtpdHours: number | null; rtoHours: number | null; rpoHours: number | null; peakPeriods: string[];
  minimumStaff: number | null; minimumStaffOverTime: (number | null)[]; staffCount: number | null; remoteWork: 'full' | 'partial' | 'none' | null;
  vitalRecords: string[]; workarounds: string; questionnaireStatus: 'not_started' | 'in_progress' | 'submitted'; questionnaireProgress: number;
  incompleteSections: string[]; submittedAt: string | null; createdAt: string; updatedAt: string;
}

export interface Application {
  id: string; name: string; kind: 'application' | 'ict_service'; description: string; entityId: string | null; locationId: string | null;
  criticality: string; replication: string; backupMethod: string; achievableRtoHours: number | null; achievableRpoHours: number | null;
  lastTestedOn: string | null; drPlanUrl: string | null; dataCentreIds: string[]; createdAt: string; updatedAt: string;
}
export interface DrTest { id: string; applicationId: string; testedOn: string; achievedRtoHours: number | null; achievedRpoHours: number | null; result: string; notes: string; createdAt: string }
export interface DataCentre {
  id: string; name: string; locationId: string; dutyStationId: string | null; entityId: string | null; tier: string | null;
  failover: { dataCentreId: string; readiness: string; activationHours: number } | null; createdAt: string; updatedAt: string;
}
export interface Vendor { id: string; name: string; service: string; entityId: string | null; locationId: string | null; slaHours: number | null; contact: string; createdAt: string; updatedAt: string }

export interface Alternate { nodeId: string; nodeType: string; readiness: string; activationHours: number }
export interface Dependency {
  id: string; fromId: string; fromType: string; toId: string; toType: string; neededWithinHours: number; alternates: Alternate[]; note: string; createdAt: string; updatedAt: string;
}
export interface Strategy {
  id: string; processId: string; kind: string; readiness: string; activationHours: number; resourceId: string | null; resourceType: string | null;
  description: string; createdAt: string; updatedAt: string;
}

/** A node of the dependency map. */
export interface MapNode { id: string; type: string; kind: string; name: string; dutyStationId: string | null }
export interface MapEdge { from: string; to: string; kind: 'dependency' | 'alternate' | 'failover'; neededWithinHours: number | null }
export interface Neighbourhood { focusId: string; nodes: (MapNode & { depth: number })[]; edges: MapEdge[]; truncated: boolean }

export interface Gap {
  processId: string; processName: string; dependencyId: string; dependencyName: string; measure: 'rto' | 'rpo'; requiredHours: number;
  deliverableHours: number | null; gapHours: number | null; limitingId: string; limitingName: string;
}
export interface Spof { resourceId: string; name: string; kind: string; brokenProcessIds: string[] }

interface Affected {
  id: string; name: string; kind: string; direct: boolean; cause: string; path: string[]; disruptedAtHours: number; recoveredAtHours: number | null; recoveredBy: string | null;
}
export interface AffectedProcess extends Affected { mtpdHours: number | null; rtoHours: number | null; hoursToMtpdBreach: number | null; breachesMtpd: boolean; rtoMet: boolean | null }
export interface Simulation {
  processes: AffectedProcess[]; resources: Affected[];
  timeline: { atHours: number; kind: 'lost' | 'disrupted' | 'mtpd_breached' | 'recovered'; nodeId: string; by?: string }[];
  summary: { processes: number; breachingMtpd: number; neverRecovered: number };
}
export interface Scenario { lostNodeIds: string[]; lostDutyStationIds: string[]; staffLossPercent: number }
