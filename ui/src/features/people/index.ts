export { ComingOfAgeScreen } from './ComingOfAgeScreen';
export { AddPersonButton, canManagePeople, PersonActions } from './PersonActions';
