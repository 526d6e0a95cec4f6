// Nordvik Consulting AS (Norway, Datatilsynet). Secrets come from the deploying shell's environment, never from git:
// see infra/README.md, "Deploy".
using '../main.bicep'

param location = 'norwayeast'
param environmentName = 'nordvik-no'
param legalEntityId = 'nordvik-no'

// The configuration document's RequestDataRetentionDays.
param requestDataRetentionDays = 90

// Bookkeeping records are not kept here; reports are the office's working papers for a year and a month.
param reportRetentionDays = 400

param apiClientId = readEnvironmentVariable('PS_API_CLIENT_ID')
param apiAudience = 'api://privacysync-nordvik-no'

param onPremOidcIssuer = readEnvironmentVariable('PS_ONPREM_OIDC_ISSUER', '')

param signingKeyPem = readEnvironmentVariable('PS_SIGNING_KEY_PEM')
param subjectSalt = readEnvironmentVariable('PS_SUBJECT_SALT')
param linkSecret = readEnvironmentVariable('PS_LINK_SECRET')
param packageKey = readEnvironmentVariable('PS_PACKAGE_KEY')
param auditKey = readEnvironmentVariable('PS_AUDIT_KEY')

// The cloud systems serving nordvik-no (HubSpot, Microsoft 365) and the entity's Teams webhook. The on-premises
// HR database's settings live on premises only (infra/onprem).
param referencedSecretSettings = [
  'PRIVACYSYNC_HUBSPOT_NORDVIK_TOKEN'
  'PRIVACYSYNC_GRAPH_CLIENT_SECRET'
  'PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_NO'
]
param referencedSecrets = {
  PRIVACYSYNC_HUBSPOT_NORDVIK_TOKEN: readEnvironmentVariable('PRIVACYSYNC_HUBSPOT_NORDVIK_TOKEN')
  PRIVACYSYNC_GRAPH_CLIENT_SECRET: readEnvironmentVariable('PRIVACYSYNC_GRAPH_CLIENT_SECRET')
  PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_NO: readEnvironmentVariable('PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_NO')
}
