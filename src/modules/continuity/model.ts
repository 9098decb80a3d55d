import type { NodeKind } from '../../domain/continuity/graph.js';

/** Stored vocabularies of the continuity area. */
export const CAMPAIGN_STATUSES = ['draft', 'in_review', 'approved'] as const;
export const QUESTIONNAIRE_STATUSES = ['not_started', 'in_progress', 'submitted'] as const;
export const REMOTE_WORK = ['full', 'partial', 'none'] as const;
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;
export const REPLICATION = ['synchronous', 'asynchronous', 'backup_only', 'none'] as const;
export const DR_RESULTS = ['pass', 'partial', 'fail'] as const;

/**
 * What a dependency end or an alternate can be, as stored. Each maps to a node kind of the domain
 * graph: data centres and premises are both sites; an application row is an application or an
 * ICT service by its own kind; a person is a key person (role) a process needs, deputies are its alternates.
 */
export const NODE_TYPES = ['process', 'application', 'data_centre', 'premises', 'duty_station', 'vendor', 'person'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const domainKindOf = (type: NodeType, applicationKind?: string): NodeKind =>
  type === 'application' ? (applicationKind === 'ict_service' ? 'ict_service' : 'application')
    : type === 'data_centre' || type === 'premises' ? 'site' : type === 'person' ? 'role' : type;

export const parseJson = <T>(text: string): T => JSON.parse(text) as T;
