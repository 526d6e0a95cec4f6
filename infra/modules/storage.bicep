// The app's state account: queues (each with its -poison queue), tables, containers, and the Flex Consumption
// deployment container. Entra ID only (no shared keys), so every caller needs a data-plane role (see roles-*.bicep).

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

param location string

param tags object

@description('Redundancy. ZRS keeps the state when one zone is lost; use LRS only where the region has no zones.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string

@description('Work queues the app triggers on or writes to; the host\'s -poison queue of each is created too.')
param queueNames string[]

param tableNames string[]

@description('Blob containers of the app state, plus the Functions host\'s and the deployment package\'s.')
param containerNames string[]

@description('Days a deleted blob or container can still be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Lifecycle: days after the last write that per-system results and export packages are deleted (the configuration document\'s RequestDataRetentionDays).')
@minValue(1)
param requestDataRetentionDays int

@description('Lifecycle: days after the last write that reconciliation reports are deleted.')
@minValue(1)
param reportRetentionDays int

@description('Container holding per-system results ({requestId}/{systemId}/records.jsonl).')
param resultsContainerName string

@description('Container holding export packages, certificates and confirmations ({requestId}/{file}).')
param outputsContainerName string

@description('Container holding the nightly reconciliation reports.')
param reportsContainerName string

@description('Blob index tag name and the values that mark the export package and its password-protected copy in the outputs container (the app tags every output with its file name); certificates and confirmations are kept.')
param exportPackageTags { name: string, package: string, protectedCopy: string }

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // The on-premises host reaches the queue, blob and table endpoints over the internet (outbound HTTPS only).
    // Put private endpoints in front and set this to 'Disabled' where the company's network is peered with Azure.
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for container in containerNames: {
    parent: blobs
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource workQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queue in queueNames: {
    parent: queues
    name: queue
  }
]

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queue in queueNames: {
    parent: queues
    name: '${queue}-poison'
  }
]

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource stateTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for table in tableNames: {
    parent: tables
    name: table
  }
]

// Personal data in results and export packages lives no longer than the request's retention; certificates and
// confirmations (the proof given to the subject) are kept, so the outputs rules match the export tags only: one rule
// for the package and one for its password-protected copy (every condition of one rule's blobIndexMatch must hold).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-system-results'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${resultsContainerName}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: requestDataRetentionDays } } }
          }
        }
        {
          name: 'delete-export-packages'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${outputsContainerName}/']
              blobIndexMatch: [{ name: exportPackageTags.name, op: '==', value: exportPackageTags.package }]
            }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: requestDataRetentionDays } } }
          }
        }
        {
          name: 'delete-protected-export-packages'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${outputsContainerName}/']
              blobIndexMatch: [{ name: exportPackageTags.name, op: '==', value: exportPackageTags.protectedCopy }]
            }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: requestDataRetentionDays } } }
          }
        }
        {
          name: 'delete-reports'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${reportsContainerName}/'] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: reportRetentionDays } } }
          }
        }
      ]
    }
  }
  dependsOn: [containers]
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
