// Log Analytics + workspace-based Application Insights. Local (key) authentication is off: the function app
// sends telemetry with its managed identity (Monitoring Metrics Publisher, see roles-app.bicep).

param workspaceName string

param appInsightsName string

param location string

param tags object

@minValue(30)
@maxValue(730)
param retentionDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
    RetentionInDays: retentionDays
  }
}

output appInsightsId string = appInsights.id
output appInsightsName string = appInsights.name
// Not a secret: it names the resource and its ingestion endpoint; with local auth off it grants nothing alone.
output connectionString string = appInsights.properties.ConnectionString
