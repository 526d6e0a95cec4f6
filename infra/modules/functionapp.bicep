// The function app on Flex Consumption (FC1, Linux, dotnet-isolated 10.0) with a system-assigned identity.
// Storage is reached with that identity (AzureWebJobsStorage__*), secrets through Key Vault references, and the
// deployment package is read from a blob container of the state account with the same identity.

param planName string

param appName string

param location string

param tags object

@description('Name of the state storage account (AzureWebJobsStorage).')
param storageAccountName string

@description('Blob endpoint of the state account, e.g. https://<account>.blob.core.windows.net/.')
param blobEndpoint string

@description('Container the deployment package (the ./run.sh publish folder, zipped) is uploaded to.')
param deploymentContainerName string

@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Upper bound of instances per scale group (HTTP functions together, each queue or timer function alone).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm: name "http" for the HTTP functions, "function:<Name>" for one other function.')
param alwaysReady { name: string, instanceCount: int }[]

@description('Concurrent HTTP requests one instance takes.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Plain app settings: name -> value (no secrets).')
param settings object

@description('App setting name -> Key Vault secret name; each becomes a Key Vault reference.')
param keyVaultSecretNames object

param keyVaultName string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var plainSettings = [for setting in items(settings): { name: setting.key, value: setting.value }]

// Without a secret version, so a rotated secret is picked up (within a day, or at once on restart).
var secretSettings = [
  for secret in items(keyVaultSecretNames): {
    name: secret.key
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secret.value})'
  }
]

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Groups with no warm instance are left out rather than sent as 0.
        alwaysReady: filter(alwaysReady, group => group.instanceCount > 0)
        triggers: { http: { perInstanceConcurrency: httpPerInstanceConcurrency } }
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(
        [
          { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
          { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        ],
        plainSettings,
        secretSettings
      )
    }
  }
}

// Deployments go through Entra ID (az functionapp deployment / OneDeploy), never basic-auth publishing profiles.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

output name string = app.name
output id string = app.id
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
