import { el, type XmlElement } from './xml';

/** English (1033) is the solution's base language. */
export const LANGUAGE = 1033;
export const INTRODUCED_VERSION = '1.0.0.0';

export const label = (text: string): XmlElement => el('label', { description: text, languagecode: LANGUAGE });
export const labels = (text: string): XmlElement => el('labels', {}, [label(text)]);
export const displayNames = (text: string): XmlElement =>
  el('displaynames', {}, [el('displayname', { description: text, languagecode: LANGUAGE })]);
export const descriptions = (text: string): XmlElement =>
  el('Descriptions', {}, [el('Description', { description: text, languagecode: LANGUAGE })]);
export const localizedNames = (text: string): XmlElement =>
  el('LocalizedNames', {}, [el('LocalizedName', { description: text, languagecode: LANGUAGE })]);
