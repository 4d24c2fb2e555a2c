// The value-reports feature's public face (decision 015): a subscription's report and health for other
// features (auto-renew's notices, the pipeline). Other features import this file only.

export { getHealthOf } from './health-service.ts';
export { getValueReport } from './report.ts';
