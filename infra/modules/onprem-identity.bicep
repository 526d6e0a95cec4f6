// The on-premises host's own identity: a user-assigned managed identity that the host's Kubernetes service account
// (and KEDA's) sign in as through workload identity federation, so no secret leaves Azure. Its roles are scoped to
// single queues, containers and tables (roles-onprem.bicep).

param name string

param location string

param tags object

@description('OIDC issuer URL of the on-premises Kubernetes cluster; empty: no federation (assign a certificate-based service principal instead, see infra/onprem/README.md).')
param oidcIssuer string

@description('Kubernetes service accounts allowed to sign in, as "system:serviceaccount:<namespace>:<name>".')
param subjects string[]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

// One at a time: the service rejects concurrent writes of federated credentials on one identity.
@batchSize(1)
resource federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2024-11-30' = [
  for (subject, i) in (empty(oidcIssuer) ? [] : subjects): {
    parent: identity
    name: 'kubernetes-${i}'
    properties: {
      issuer: oidcIssuer
      subject: subject
      audiences: ['api://AzureADTokenExchange']
    }
  }
]

output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
output id string = identity.id
