/**
 * XML for v2 endpoints whose captures are JSON only (home, friends, shared servers, servers): the
 * JSON document written with plex.tv's v2 XML conventions (as its v2 user and resources XML show):
 * scalars become attributes (flags 0/1, null as ""), nested objects child elements, and arrays a
 * plural wrapper element holding one singular element per item
 * (`<sharedServers><sharedServer …/></sharedServers>`). Unverified: no XML capture exists for them.
 */

import type { XmlAttrValue, XmlElement } from './xml.js';

const ITEM_NAMES: Record<string, string> = {
  users: 'user',
  friends: 'friend',
  invites: 'friend',
  sharedServers: 'sharedServer',
  sharedSources: 'sharedSource',
  libraries: 'library',
  librarySections: 'librarySection',
};

export function itemName(listName: string): string {
  return ITEM_NAMES[listName] ?? listName.replace(/s$/, '');
}

/** One JSON object as an element. */
export function jsonToXml(name: string, value: Record<string, unknown>): XmlElement {
  const attrs: Array<[string, XmlAttrValue]> = [];
  const children: XmlElement[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) children.push(jsonListToXml(key, v));
    else if (typeof v === 'object' && v !== null) children.push(jsonToXml(key, v as Record<string, unknown>));
    else attrs.push([key, v as XmlAttrValue]);
  }
  return children.length > 0 ? { name, attrs, children } : { name, attrs };
}

/** A JSON array as `<name><item …/>…</name>` (scalar items as `<item value="…"/>`). */
export function jsonListToXml(name: string, items: unknown[]): XmlElement {
  const child = itemName(name);
  return {
    name,
    children: items.map((item) =>
      typeof item === 'object' && item !== null && !Array.isArray(item)
        ? jsonToXml(child, item as Record<string, unknown>)
        : { name: child, attrs: [['value', item as XmlAttrValue]] },
    ),
  };
}
