export { MfaReset } from './MfaReset';
