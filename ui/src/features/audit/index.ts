export { AuditScreen } from './AuditScreen';
export { AuditTimeline } from './AuditTimeline';
