export { ActForPerson } from './ActForPerson';
export { ActingBanner, ActingEndedNotice, BANNER_HEIGHT } from './ActingBanner';
