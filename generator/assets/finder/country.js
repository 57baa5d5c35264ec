/* The country to suggest, guessed on this device only from its time zone and language settings: never a
   request, and never applied without a tap (the finder offers it as a suggestion). */

// Time zone -> country, for the zones most visitors are in.
export const ZONES = {
  "Europe/London": "GB", "Europe/Belfast": "GB", "Europe/Dublin": "IE", "Europe/Paris": "FR", "Europe/Berlin": "DE",
  "Europe/Madrid": "ES", "Atlantic/Canary": "ES", "Europe/Rome": "IT", "Europe/Amsterdam": "NL",
  "Europe/Brussels": "BE", "Europe/Lisbon": "PT", "Europe/Zurich": "CH", "Europe/Vienna": "AT",
  "Europe/Stockholm": "SE", "Europe/Oslo": "NO", "Europe/Copenhagen": "DK", "Europe/Helsinki": "FI",
  "Europe/Warsaw": "PL", "Europe/Prague": "CZ", "Europe/Budapest": "HU", "Europe/Athens": "GR",
  "Europe/Bucharest": "RO", "Europe/Kiev": "UA", "Europe/Kyiv": "UA", "Europe/Istanbul": "TR",
  "Europe/Luxembourg": "LU", "Europe/Malta": "MT", "Atlantic/Reykjavik": "IS",
  "America/New_York": "US", "America/Chicago": "US", "America/Denver": "US", "America/Phoenix": "US",
  "America/Los_Angeles": "US", "America/Anchorage": "US", "Pacific/Honolulu": "US", "America/Detroit": "US",
  "America/Indiana/Indianapolis": "US", "America/Boise": "US",
  "America/Toronto": "CA", "America/Vancouver": "CA", "America/Edmonton": "CA", "America/Winnipeg": "CA",
  "America/Halifax": "CA", "America/St_Johns": "CA", "America/Regina": "CA", "America/Montreal": "CA",
  "America/Mexico_City": "MX", "America/Tijuana": "MX", "America/Monterrey": "MX", "America/Cancun": "MX",
  "America/Sao_Paulo": "BR", "America/Argentina/Buenos_Aires": "AR", "America/Buenos_Aires": "AR",
  "America/Santiago": "CL", "America/Bogota": "CO", "America/Lima": "PE", "America/Caracas": "VE",
  "America/Montevideo": "UY", "America/Guayaquil": "EC", "America/La_Paz": "BO", "America/Asuncion": "PY",
  "America/Jamaica": "JM", "America/Puerto_Rico": "PR", "America/Costa_Rica": "CR",
  "Australia/Sydney": "AU", "Australia/Melbourne": "AU", "Australia/Brisbane": "AU", "Australia/Perth": "AU",
  "Australia/Adelaide": "AU", "Australia/Hobart": "AU", "Australia/Darwin": "AU", "Australia/Canberra": "AU",
  "Pacific/Auckland": "NZ", "Asia/Kolkata": "IN", "Asia/Calcutta": "IN", "Asia/Singapore": "SG",
  "Asia/Hong_Kong": "HK", "Asia/Tokyo": "JP", "Asia/Seoul": "KR", "Asia/Shanghai": "CN", "Asia/Taipei": "TW",
  "Asia/Manila": "PH", "Asia/Jakarta": "ID", "Asia/Kuala_Lumpur": "MY", "Asia/Bangkok": "TH",
  "Asia/Ho_Chi_Minh": "VN", "Asia/Karachi": "PK", "Asia/Dhaka": "BD", "Asia/Colombo": "LK",
  "Asia/Kathmandu": "NP", "Asia/Dubai": "AE", "Asia/Jerusalem": "IL", "Asia/Riyadh": "SA",
  "Africa/Johannesburg": "ZA", "Africa/Nairobi": "KE", "Africa/Lagos": "NG", "Africa/Accra": "GH",
  "Africa/Cairo": "EG", "Africa/Casablanca": "MA", "Africa/Kampala": "UG", "Africa/Dar_es_Salaam": "TZ"
};

// The countries a device's settings point to, most telling first: its time zone, then its languages'
// regions ("en-GB" -> GB).
export function countriesFromSettings(timeZone, languages) {
  const out = [];
  if (timeZone && ZONES[timeZone]) out.push(ZONES[timeZone]);
  for (const language of languages || []) {
    const match = /-([A-Z]{2})$/.exec(language || "");
    if (match) {
      if (!out.includes(match[1])) out.push(match[1]);
      break;
    }
  }
  return out;
}

let guessed = null;
export function guessCountries() {
  if (guessed) return guessed;  // settings do not change while the page is open; asking Intl is slow
  let zone = null;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) { /* no Intl time zone: fine */ }
  guessed = countriesFromSettings(zone, navigator.languages || [navigator.language || ""]);
  return guessed;
}
