/**
 * The one place that imports libphonenumber-js. The build (gulpfile.js) replaces the compiled
 * file with a self-contained bundle of the library and its metadata, so the published package has
 * no runtime dependency on it.
 */
export { parsePhoneNumberFromString, isSupportedCountry } from 'libphonenumber-js/max';
export type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
