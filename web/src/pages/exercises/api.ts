/** Shapes of the exercises API (src/modules/exercises/schema.ts). */
export interface Objective { id: string; text: string; result: string | null; resultNote: string }
export interface Participant { personId: string; role: string; attended: boolean | null }
export interface Exercise {
  id: string; title: string; kind: string; entityId: string | null; locationId: string | null; startsAt: string; endsAt: string;
  scenario: string; status: string; objectives: Objective[]; planIds: string[]; teamIds: string[]; participants: Participant[];
  createdAt: string; updatedAt: string;
}
export interface CorrectiveAction {
  id: string; reviewId: string; finding: string; action: string; ownerPersonId: string; dueDate: string; status: string;
  planId: string | null; closedOn: string | null; overdue: boolean; createdAt: string; updatedAt: string;
  reviewTitle?: string; planTitle?: string | null;
}
export interface Review {
  id: string; kind: string; exerciseId: string | null; title: string; eventDate: string; entityId: string | null; locationId: string | null;
  whatHappened: string; whatWorked: string; whatDidNot: string; actions: CorrectiveAction[]; createdAt: string; updatedAt: string;
}
export interface Lesson {
  id: string; title: string; body: string; category: string; tags: string[]; entityId: string | null; locationId: string | null;
  reviewId: string | null; createdBy: string | null; createdAt: string; updatedAt: string;
}
