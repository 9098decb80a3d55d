/** Shapes of the plans API (src/modules/plans/schema.ts) and the queries the pages share. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PlanContent } from '../../../../src/domain/plans/content.js';

export type { Block, PlanContent, Section } from '../../../../src/domain/plans/content.js';

export interface PlanVersion {
  id: string; planId: string; number: number; status: string; changeNote: string;
  draftedBy: string | null; submittedAt: string | null; approvedBy: string | null; approvedAt: string | null;
  createdAt: string; updatedAt: string;
}
export interface PlanVersionDetail extends PlanVersion { content: PlanContent }

export interface Plan {
  id: string; title: string; planTypeId: string; planType: string; entityId: string | null; locationId: string | null;
  participantEntityIds: string[]; ownerPersonId: string; approverPersonId: string | null; status: string;
  activationCriteria: string; currentVersionId: string | null; workingVersion: PlanVersion | null;
  reviewDue: string | null; reviewOverdue: boolean;
  reviewTriggeredBy: string | null; reviewTriggerNote: string | null; reviewFlaggedAt: string | null;
  riskIds: string[]; processIds: string[]; teamIds: string[]; contactPersonIds: string[];
  createdAt: string; updatedAt: string;
  allowed?: { history: boolean; write: boolean; approve: boolean; approveBlocked: 'own_draft' | null };
}

export interface PlanType { id: string; key: string; name: string; reviewMonths: number; allowSelfApproval: boolean }
export interface PlanTemplate { id: string; name: string; planTypeId: string | null; content: PlanContent; createdAt: string; updatedAt: string }
export interface ApprovalEvent { id: string; versionId: string; email: string | null; action: string; comment: string; at: string }
export interface DiffChange { kind: 'same' | 'added' | 'removed'; lines: string[] }
export interface PlanDiff { from: PlanVersion; to: PlanVersion; unified: string; added: number; removed: number; changes: DiffChange[] }
export interface ReviewTriggerRecord { id: string; planId: string; trigger: string; note: string; sourceType: string | null; sourceId: string | null; at: string }
export interface PlanTask { id: string; section: string; text: string; role: string; position: number; status: string; doneBy: string | null; doneAt: string | null }
export interface Activation { id: string; planId: string; versionId: string; reason: string; activatedBy: string | null; activatedAt: string; deactivatedAt: string | null; tasks: PlanTask[] }
export interface InboxItem { planId: string; planTitle: string; planTypeId: string; planType: string; entityId: string | null; locationId: string | null; ownerPersonId: string; version: PlanVersion; selfApprovalForbidden: boolean }
export interface Reminder { id: string; planId: string; planTitle: string; kind: string; reviewDue: string; emailedTo: string | null; readAt: string | null; createdAt: string }
export interface DirectoryPerson { id: string; name: string; jobTitle: string | null; contacts: { kind: string; value: string }[] }
export interface Directory { people: DirectoryPerson[]; teams: { id: string; name: string; members: { role: string; personId: string }[] }[] }
export interface WalletCard { locationId: string; locationName: string; title: string; numbers: { label: string; number: string }[]; firstActions: string[]; updatedAt: string; canEdit?: boolean }

export const usePlanTypes = () => useQuery({ queryKey: ['plan-types'], queryFn: () => api.get<PlanType[]>('/plan-types'), staleTime: 300_000 });
/** A plan type's name in the user's language (the built-in types are translated; added ones keep their name). */
export function usePlanTypeName() {
  const { t } = useTranslation();
  const types = usePlanTypes();
  return (planTypeId: string, fallback: string) => {
    const key = types.data?.find((x) => x.id === planTypeId)?.key;
    return key ? t(`planTypeNames.${key}`, { defaultValue: fallback }) : fallback;
  };
}
export const usePlanTemplates = () => useQuery({ queryKey: ['plan-templates'], queryFn: () => api.get<PlanTemplate[]>('/plan-templates'), staleTime: 300_000 });
export const usePlan = (id: string) => useQuery({ queryKey: ['plans', 'one', id], queryFn: () => api.get<Plan>(`/plans/${id}`) });
export const useVersion = (planId: string, versionId: string | null | undefined) =>
  useQuery({ queryKey: ['plans', 'version', planId, versionId], queryFn: () => api.get<PlanVersionDetail>(`/plans/${planId}/versions/${versionId}`), enabled: !!versionId });
/** People and teams of a version with their contact points as they are now. */
export const useDirectory = (planId: string, versionId: string | null | undefined, savedAt?: string) =>
  useQuery({ queryKey: ['plans', 'directory', planId, versionId, savedAt], queryFn: () => api.get<Directory>(`/plans/${planId}/versions/${versionId}/directory`), enabled: !!versionId, placeholderData: (prev) => prev });

export const pdfHref = (planId: string, versionId?: string) => `/api/v1/plans/${planId}${versionId ? `/versions/${versionId}` : ''}/pdf`;
export const walletPdfHref = (locationId: string) => `/api/v1/wallet-cards/${locationId}/pdf`;
