/** Shapes of the notification API's answers (see src/modules/notify/*.schema.ts). */
import type { Channel } from '../../../../src/domain/notify/channels.js';
import type { LocalizedText } from '../../../../src/domain/notify/template.js';

export type ScopeRef = { type: 'org' } | { type: 'entity' | 'location'; id: string };
export type AudienceRule =
  | { type: 'everyone' }
  | { type: 'location' | 'entity' | 'team' | 'person'; id: string }
  | { type: 'country'; code: string }
  | { type: 'teamKind'; kind: string; locationId?: string }
  | { type: 'radius'; latitude: number; longitude: number; km: number };
export interface Audience { include: AudienceRule[]; exclude: AudienceRule[]; includeDependants: boolean }
export interface Policy { approvalsRequired: number; senderRoles: string[]; senderMayBeDrafter: boolean; bypassAllowed: boolean }

export interface Message {
  id: string; title: string; severity: string; content: Record<string, LocalizedText>; variables: Record<string, string>;
  responseOptions: string[] | null; audience: Audience; channels: Channel[]; status: string; approvalsRequired: number;
  approvals: { userId: string; name: string | null; decision: 'approve' | 'reject'; comment: string | null; at: string }[];
  draftedBy: string; draftedByName: string | null; sentBy: string | null; sentByName: string | null; sentAt: string | null; bypassReason: string | null;
  recipientCount: number | null; createdAt: string; updatedAt: string; scope: ScopeRef; scopeName: string | null; templateId: string | null;
  kind: 'message' | 'escalation'; parentId: string | null; escalateAfterMinutes: number | null; escalatedAt: string | null; policy: Policy;
}
export interface Unreachable { personId: string; name: string; missing: string[] }
export interface Preview {
  recipients: number; unreachable: Unreachable[]; unreachableCount: number;
  byLocation: { locationId: string | null; count: number }[]; sample: { personId: string; name: string; language: string }[]; languages: Record<string, number>;
}
export interface DeliveryStats { total: number; byStatus: Record<string, number>; byChannel: Record<string, Record<string, number>>; recipients: number; unreachable: number; at: string }
export interface BoardRow { key: string | null; name?: string | null; recipients: number; reached: number; noResponse: number; answers: Record<string, number> }
export interface Board { messageId: string; options: string[]; total: BoardRow; byLocation: BoardRow[]; byEntity: BoardRow[]; at: string }
export interface Recipient { personId: string; givenName: string; familyName: string; locationId: string | null; entityId: string | null; reached: boolean; answer: string | null; answeredAt: string | null }
export interface History {
  answers: { answer: string; channel: string; receivedAt: string }[];
  deliveries: { channel: string; address: string; round: number; status: string; attempts: number; lastError: string | null; sentAt: string | null; updatedAt: string }[];
}
export interface Template {
  id: string; name: string; severity: string; content: Record<string, LocalizedText>; variables: Record<string, string>;
  responseOptions: string[] | null; channels: Channel[]; createdAt: string; updatedAt: string;
}
export interface PolicyRow extends Policy { id: string; scope: ScopeRef; scopeName: string | null; updatedAt: string }
export interface InboxItem {
  id: string; messageId: string; severity: string; language: string; subject: string; body: string; createdAt: string; readAt: string | null;
  options: string[]; labels: string[]; latestAnswer: string | null; answeredAt: string | null;
}
export interface InboxPage { items: InboxItem[]; total: number; unread: number; page: number; pageSize: number }
export interface ResponsePage {
  language: string; subject: string; body: string; severity: string; options: string[]; labels: string[];
  latestAnswer: string | null; answeredAt: string | null; sentAt: string | null;
}
