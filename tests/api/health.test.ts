// GET /api/v1/health through its route handler (in process): the app is up and says which database it uses.
import { describe, expect, it } from 'vitest';
import { databaseKind, inProcessApp } from '../support/in-process-app';

const app = inProcessApp();

describe('HTTP', () => {
  it('GET /api/v1/health reports ok and which database the app uses', async () => {
    const response = await app.fetch(`${app.baseUrl}/api/v1/health`, {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ status: 'ok', database: databaseKind() });
  });
});
