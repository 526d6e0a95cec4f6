// PrivacySync: one environment of one company (one legal entity's privacy office) in one resource group.
// Deploy:  az deployment group create -g <rg> -f infra/main.bicep -p infra/params/<entity>.bicepparam
// The names below are the ones the code uses (tests/PrivacySync.Tests/Infra checks them against the code).
targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Short environment name, used in resource names and tags (lowercase letters, digits, hyphens).')
@minLength(3)
@maxLength(16)
param environmentName string

@description('The legal entity (LegalEntities[].Id in the configuration document) this environment serves.')
param legalEntityId string

@description('Globally unique storage account name of the app state.')
@minLength(3)
@maxLength(24)
param storageAccountName string = 'stps${uniqueString(resourceGroup().id, environmentName)}'

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_ZRS'

@description('Globally unique Key Vault name.')
@minLength(3)
@maxLength(24)
param keyVaultName string = 'kv-ps-${uniqueString(resourceGroup().id, environmentName)}'

@description('Globally unique function app name (also its host name).')
param functionAppName string = 'func-ps-${environmentName}-${take(uniqueString(resourceGroup().id), 6)}'

@description('The configuration document\'s RequestDataRetentionDays: results and export packages are deleted this many days after their last write.')
@minValue(1)
param requestDataRetentionDays int

@description('Days reconciliation reports are kept.')
@minValue(1)
param reportRetentionDays int = 400

@description('Days deleted blobs and containers can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 14

@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Flex Consumption instance memory (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound of instances per scale group; the HubSpot quota is shared through storage, so more instances only wait for it.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Warm instances for the HTTP API (the Teams form and officers do not wait for a cold start).')
@minValue(0)
param alwaysReadyHttpInstances int = 1

@description('Warm instances for RunSystemTask (0: tasks start from zero; queue latency of a cold start is acceptable).')
@minValue(0)
param alwaysReadyTaskInstances int = 0

@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('The configuration document the app reads, relative to the publish folder.')
param configPath string = 'config/privacysync.json'

@description('NCRONTAB (six fields) of the nightly reconciliation. Timers run in the app\'s time zone, which on Flex Consumption (Linux) is UTC: WEBSITE_TIME_ZONE/TZ are not honoured there, so write the entity\'s 02:00 in UTC.')
param reconciliationSchedule string = '0 0 2 * * *'

@description('Entra ID tenant of the API app registration.')
param apiTenantId string = tenant().tenantId

@description('Application (client) id of the API app registration (see infra/README.md, "Entra app registrations").')
param apiClientId string

@description('Accepted token audience of the API: its Application ID URI, e.g. api://privacysync-nordvik-no.')
param apiAudience string

@description('Whether systems of this entity run on premises (Queue "onprem"): creates the on-premises host\'s identity and roles.')
param onPremHost bool = true

@description('OIDC issuer of the on-premises Kubernetes cluster (workload identity); empty: none.')
param onPremOidcIssuer string = ''

@description('Service accounts of the on-premises host and of KEDA, as system:serviceaccount:<namespace>:<name>.')
param onPremServiceAccounts string[] = [
  'system:serviceaccount:privacysync:privacysync-onprem'
  'system:serviceaccount:keda:keda-operator'
]

@description('PEM (PKCS#8) of the ECDSA P-256 key that signs certificates (privacysync keygen).')
@secure()
param signingKeyPem string

@description('Secret that pseudonymises the subject on certificates (16+ characters).')
@secure()
param subjectSalt string

@description('Secret that signs expiring download links (16+ characters).')
@secure()
param linkSecret string

@description('Key-encryption key of the export packages at rest (32+ bytes), distinct from the other secrets; the cloud app only.')
@secure()
@minLength(32)
param packageKey string

@description('Key of the audit chain\'s HMAC-SHA256 (32+ bytes), distinct from the other secrets; the on-premises host holds it too.')
@secure()
@minLength(32)
param auditKey string

@description('App settings the configuration document names for this entity\'s cloud systems and webhooks (CredentialReference, …Setting, webhook references).')
param referencedSecretSettings string[]

@description('Values of referencedSecretSettings: setting name -> secret.')
@secure()
param referencedSecrets object

var appInsightsName = 'appi-ps-${environmentName}'
var onPremIdentityName = 'id-ps-${environmentName}-onprem'

var tags = {
  application: 'privacysync'
  environment: environmentName
  legalEntity: legalEntityId
}

// From the code: functions/PrivacySync.Functions/Orchestration/WorkQueues.cs (QueueNames) and
// functions/PrivacySync.Storage/Stores/StoreNames.cs.
var queues = {
  dispatch: 'dsr-dispatch'
  tasks: 'dsr-tasks'
  onPremTasks: 'dsr-tasks-onprem'
  collect: 'dsr-collect'
  // Teams cards to post ([Teams]); SendTeamsNotification posts them to the entity's Workflows webhook.
  notify: 'dsr-notify'
}
var tables = {
  requests: 'dsrrequests'
  submissions: 'dsrsubmissions'
  tasks: 'dsrtasks'
  audit: 'dsraudit'
  // One run record per reconciled night ([Nightly]).
  reconciliation: 'dsrreconciliation'
  // Categories retained until a date, erased by the nightly reconciliation once it has passed ([Nightly]).
  deferredErasures: 'dsrdeferrederasures'
  // Leases of the app instances sharing a HubSpot account's rate limit ([Bench]).
  quotaShares: 'dsrquotashares'
  // One mark per night and entity whose Teams summary was posted, so it is posted once ([Teams]).
  postMarks: 'dsrpostmarks'
  // Restrictions (Art. 18) that hold, by the subject's keyed pseudonyms, so later requests see them ([Rights]).
  restrictions: 'dsrrestrictions'
}
var containers = {
  subjects: 'dsr-subjects'
  results: 'dsr-results'
  outputs: 'dsr-outputs'
  // The nightly reconciliation's reports: reports/yyyy-MM-dd/reconciliation.{html,csv,json} ([Nightly]).
  reports: 'dsr-reports'
  // The Functions host's own containers: leases and locks, function keys.
  hostLocks: 'azure-webjobs-hosts'
  hostSecrets: 'azure-webjobs-secrets'
  // The Flex Consumption deployment package.
  deployment: 'app-package'
}

// Secrets the app reads from fixed settings -> their Key Vault secret names.
var appSecretNames = {
  PrivacySync__SigningKeyPem: 'signing-key'
  PrivacySync__SubjectSalt: 'subject-salt'
  PrivacySync__LinkSecret: 'link-secret'
  PrivacySync__PackageKey: 'package-key'
  PrivacySync__AuditKey: 'audit-key'
}

// Key Vault secret names allow letters, digits and hyphens: PRIVACYSYNC_HUBSPOT_X_TOKEN -> privacysync-hubspot-x-token.
var referencedSecretNames = toObject(referencedSecretSettings, setting => setting, setting => toLower(replace(setting, '_', '-')))

var secretNames = union(appSecretNames, referencedSecretNames)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-ps-${environmentName}'
    appInsightsName: appInsightsName
    location: location
    tags: tags
    retentionDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSku
    queueNames: map(items(queues), q => q.value)
    tableNames: map(items(tables), t => t.value)
    containerNames: map(items(containers), c => c.value)
    softDeleteDays: blobSoftDeleteDays
    requestDataRetentionDays: requestDataRetentionDays
    reportRetentionDays: reportRetentionDays
    resultsContainerName: containers.results
    outputsContainerName: containers.outputs
    reportsContainerName: containers.reports
    exportPackageTags: { name: 'privacysync-output', package: 'export.zip', protectedCopy: 'export-protected.zip' }
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    softDeleteDays: 90
    secretNames: secretNames
    secretValues: union(
      {
        PrivacySync__SigningKeyPem: signingKeyPem
        PrivacySync__SubjectSalt: subjectSalt
        PrivacySync__LinkSecret: linkSecret
        PrivacySync__PackageKey: packageKey
        PrivacySync__AuditKey: auditKey
      },
      referencedSecrets
    )
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    planName: 'asp-ps-${environmentName}'
    appName: functionAppName
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: containers.deployment
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: [
      { name: 'http', instanceCount: alwaysReadyHttpInstances }
      { name: 'function:RunSystemTask', instanceCount: alwaysReadyTaskInstances }
    ]
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    keyVaultName: vault.outputs.name
    keyVaultSecretNames: secretNames
    settings: {
      PrivacySync__ConfigPath: configPath
      // NCRONTAB of the NightlyReconciliation timer, in the app's time zone (WEBSITE_TIME_ZONE/TZ; UTC on Flex Consumption).
      PrivacySync__Reconciliation__Schedule: reconciliationSchedule
      // The on-premises host runs this function; the cloud app must not take its queue.
      'AzureWebJobs.RunOnPremSystemTask.Disabled': 'true'
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
      // Local auth is off on Application Insights: telemetry is sent with the app's identity.
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      AzureAd__Instance: environment().authentication.loginEndpoint
      AzureAd__TenantId: apiTenantId
      AzureAd__ClientId: apiClientId
      AzureAd__Audience: apiAudience
    }
  }
}

module appRoles 'modules/roles-app.bicep' = {
  name: 'roles-app'
  params: {
    principalId: functionApp.outputs.principalId
    principalName: functionAppName
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    appInsightsName: appInsightsName
  }
  // Resources by name, so that What-If can predict the assignments; they exist before functionApp does.
}

module onPremIdentity 'modules/onprem-identity.bicep' = if (onPremHost) {
  name: 'onprem-identity'
  params: {
    name: onPremIdentityName
    location: location
    tags: tags
    oidcIssuer: onPremOidcIssuer
    subjects: onPremServiceAccounts
  }
}

module onPremRoles 'modules/roles-onprem.bicep' = if (onPremHost) {
  name: 'roles-onprem'
  params: {
    principalId: onPremIdentity!.outputs.principalId
    principalName: onPremIdentityName
    storageAccountName: storageAccountName
    appInsightsName: appInsightsName
    queueNames: [queues.onPremTasks, '${queues.onPremTasks}-poison', queues.collect]
    readContainerNames: [containers.subjects]
    writeContainerNames: [containers.results, containers.hostLocks]
    readTableNames: [tables.requests]
    writeTableNames: [tables.tasks, tables.audit]
  }
  // Resources by name (see appRoles): they must exist first.
  dependsOn: [storage, monitoring]
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
output deploymentContainer string = containers.deployment
output onPremClientId string = onPremIdentity.?outputs.clientId ?? ''
output tenantId string = tenant().tenantId
output appInsightsName string = monitoring.outputs.appInsightsName
