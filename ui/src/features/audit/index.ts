export { AuditScreen, type AuditRequest } from './AuditScreen';
export { AuditTimeline } from './AuditTimeline';
