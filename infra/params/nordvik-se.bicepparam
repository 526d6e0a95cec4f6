// Nordvik Consulting AB (Sweden, IMY). Secrets come from the deploying shell's environment, never from git:
// see infra/README.md, "Deploy".
using '../main.bicep'

param location = 'swedencentral'
param environmentName = 'nordvik-se'
param legalEntityId = 'nordvik-se'

// The configuration document's RequestDataRetentionDays.
param requestDataRetentionDays = 90

param reportRetentionDays = 400

param apiClientId = readEnvironmentVariable('PS_API_CLIENT_ID')
param apiAudience = 'api://privacysync-nordvik-se'

// Every Swedish system is reachable from Azure: no on-premises host.
param onPremHost = false

param signingKeyPem = readEnvironmentVariable('PS_SIGNING_KEY_PEM')
param subjectSalt = readEnvironmentVariable('PS_SUBJECT_SALT')
param linkSecret = readEnvironmentVariable('PS_LINK_SECRET')
param packageKey = readEnvironmentVariable('PS_PACKAGE_KEY')
param auditKey = readEnvironmentVariable('PS_AUDIT_KEY')

// The cloud systems serving nordvik-se (HubSpot, Microsoft 365, the HR REST API) and the entity's Teams webhook.
param referencedSecretSettings = [
  'PRIVACYSYNC_HUBSPOT_NORDVIK_TOKEN'
  'PRIVACYSYNC_GRAPH_CLIENT_SECRET'
  'PRIVACYSYNC_HR_API_SE_SIGNING_KEY'
  'PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_SE'
]
param referencedSecrets = {
  PRIVACYSYNC_HUBSPOT_NORDVIK_TOKEN: readEnvironmentVariable('PRIVACYSYNC_HUBSPOT_NORDVIK_TOKEN')
  PRIVACYSYNC_GRAPH_CLIENT_SECRET: readEnvironmentVariable('PRIVACYSYNC_GRAPH_CLIENT_SECRET')
  PRIVACYSYNC_HR_API_SE_SIGNING_KEY: readEnvironmentVariable('PRIVACYSYNC_HR_API_SE_SIGNING_KEY')
  PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_SE: readEnvironmentVariable('PRIVACYSYNC_TEAMS_WEBHOOK_NORDVIK_SE')
}
