export { ActForPerson, canActFor } from './ActForPerson';
export { ActingBanner, ActingEndedNotice, BANNER_HEIGHT } from './ActingBanner';
