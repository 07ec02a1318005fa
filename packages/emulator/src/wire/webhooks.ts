/**
 * Webhooks (plex-api.rs webhooks_none/webhooks_two.json): JSON `[{"url": …}]`; XML
 * `<webhooks><webhook url/></webhooks>` (python-plexapi reads `<webhook url>`; root name ours).
 */

import type { XmlElement } from './xml.js';

export function webhooksJson(urls: string[]): unknown {
  return urls.map((url) => ({ url }));
}

export function webhooksXml(urls: string[]): XmlElement {
  return {
    name: 'webhooks',
    children: urls.map((url): XmlElement => ({ name: 'webhook', attrs: [['url', url]] })),
  };
}
