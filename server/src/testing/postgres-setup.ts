// Setup file of the server-pg project: every test context of this worker runs on PostgreSQL.

import { inject } from 'vitest';
import { useTestPostgres } from './postgres.ts';

useTestPostgres(inject('testPostgres'));
