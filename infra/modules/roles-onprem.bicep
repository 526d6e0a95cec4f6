// The on-premises host serves only RunOnPremSystemTask: it takes tasks from its queue (and moves poison messages),
// reads the subject's identifiers and the request, updates the task, appends audit events, writes the system's
// results and queues dsr-collect. Each role is scoped to exactly the queue, container or table it needs.

param principalId string

@description('Name of the identity\'s resource, known before deployment (role assignment names derive from it).')
param principalName string

param storageAccountName string

param appInsightsName string

@description('Queues it receives from and writes to: the on-prem task queue, its -poison queue, the collect queue.')
param queueNames string[]

@description('Containers it reads: the subjects container.')
param readContainerNames string[]

@description('Containers it writes: the results container and the Functions host\'s lock container.')
param writeContainerNames string[]

@description('Tables it reads: the requests table.')
param readTableNames string[]

@description('Tables it writes: the tasks and audit tables.')
param writeTableNames string[]

var roles = {
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'
  }

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' existing = [
  for queue in queueNames: {
    parent: account::queueService
    name: queue
  }
]

resource readContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = [
  for container in readContainerNames: {
    parent: account::blobService
    name: container
  }
]

resource writeContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = [
  for container in writeContainerNames: {
    parent: account::blobService
    name: container
  }
]

resource readTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' existing = [
  for table in readTableNames: {
    parent: account::tableService
    name: table
  }
]

resource writeTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' existing = [
  for table in writeTableNames: {
    parent: account::tableService
    name: table
  }
]

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource queueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (queue, i) in queueNames: {
    name: guid(queues[i].id, principalName, roles.storageQueueDataContributor)
    scope: queues[i]
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    }
  }
]

resource readContainerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in readContainerNames: {
    name: guid(readContainers[i].id, principalName, roles.storageBlobDataReader)
    scope: readContainers[i]
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
    }
  }
]

resource writeContainerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in writeContainerNames: {
    name: guid(writeContainers[i].id, principalName, roles.storageBlobDataContributor)
    scope: writeContainers[i]
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    }
  }
]

resource readTableRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (table, i) in readTableNames: {
    name: guid(readTables[i].id, principalName, roles.storageTableDataReader)
    scope: readTables[i]
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataReader)
    }
  }
]

resource writeTableRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (table, i) in writeTableNames: {
    name: guid(writeTables[i].id, principalName, roles.storageTableDataContributor)
    scope: writeTables[i]
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    }
  }
]

resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalName, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}
