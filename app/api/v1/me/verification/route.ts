// POST /api/v1/me/verification — email me a link that verifies my address (202 {emailSent}); 422 when the server
//   sends no mail, 409 when the address is already verified
import { apiRoute } from '@/lib/api/handler';
import { requestEmailVerification } from '@/lib/auth/account-mutations';
import { json } from '@/lib/api/json';

export const POST = apiRoute({}, async ({ viewer }) => json(await requestEmailVerification({ userId: viewer.userId }), { status: 202 }));
