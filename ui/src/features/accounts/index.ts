export { AccountsScreen } from './AccountsScreen';
