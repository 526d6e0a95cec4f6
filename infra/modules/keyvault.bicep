// Key Vault with Azure RBAC (no access policies) holding the app's secrets. Each secret is created from a secure
// parameter; app settings refer to it by name without a version, so a new version is picked up (see README: rotation).

@description('Vault name (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

param location string

param tags object

@description('App setting name -> Key Vault secret name, for every secret the template creates.')
param secretNames object

@description('App setting name -> secret value; the same keys as secretNames.')
@secure()
param secretValues object

@minValue(7)
@maxValue(90)
param softDeleteDays int

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [
  for secret in items(secretNames): {
    parent: vault
    name: secret.value
    properties: {
      value: secretValues[secret.key]
      contentType: 'text/plain'
    }
  }
]

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
