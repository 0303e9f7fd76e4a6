/**
 * The connection actions the form ribbon also runs, imported once here: the Power Apps checker
 * reads any path containing "webresources" as a web resource URL, but this is a module import
 * that the bundler inlines.
 */
// eslint-disable-next-line @microsoft/power-apps/use-cached-webresource -- a module import, not a URL
export * from '../../webresources/scripts/connectionActions';
// eslint-disable-next-line @microsoft/power-apps/use-cached-webresource -- a module import, not a URL
export { toBareGuid } from '../../webresources/scripts/syncRequest';
