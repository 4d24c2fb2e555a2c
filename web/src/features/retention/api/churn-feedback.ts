// POST /api/subscriptions/:id/churn-feedback (admins): why they turn auto-renew off or let a renewal lapse;
// answers with the save offer (shown once) when ops configured one. POST …/:feedbackId/save-offer answers it.

import type { TChurnFeedbackRequest } from '@portal/shared/schemas/retention';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export function useSubmitChurnFeedback(subscriptionId: string) {
  return useMutation({
    mutationFn: (body: TChurnFeedbackRequest) =>
      unwrap(api.subscriptions[':id']['churn-feedback'].$post({ param: { id: subscriptionId }, json: body })),
  });
}

export function useDecideSaveOffer(subscriptionId: string) {
  return useMutation({
    mutationFn: (input: { feedbackId: string; decision: 'accept' | 'decline' }) =>
      unwrap(
        api.subscriptions[':id']['churn-feedback'][':feedbackId']['save-offer'].$post({
          param: { id: subscriptionId, feedbackId: input.feedbackId },
          json: { decision: input.decision },
        }),
      ),
  });
}
