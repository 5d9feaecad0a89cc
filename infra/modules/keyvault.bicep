// Key Vault in RBAC mode for the secrets the app settings reference (@Microsoft.KeyVault(SecretUri=...)). A secret is
// written only when this deployment is given its value, so one put in the vault by hand (az keyvault secret set)
// survives later deployments.

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the vault.')
param location string

@description('Tags for the vault.')
param tags object

@secure()
@description('Label Studio API key to store; empty leaves the vault as it is.')
param labelStudioApiKey string = ''

@secure()
@description('Basic auth password to store; empty leaves the vault as it is.')
param basicAuthPass string = ''

var secretNames = {
  labelStudioApiKey: 'label-studio-api-key'
  basicAuthPass: 'basic-auth-pass'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    publicNetworkAccess: 'Enabled'
  }
}

resource apiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(labelStudioApiKey)) {
  parent: vault
  name: secretNames.labelStudioApiKey
  properties: {
    value: labelStudioApiKey
    contentType: 'text/plain'
  }
}

resource basicAuthPassSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(basicAuthPass)) {
  parent: vault
  name: secretNames.basicAuthPass
  properties: {
    value: basicAuthPass
    contentType: 'text/plain'
  }
}

output name string = vault.name
// Versionless URIs: the app always reads the latest version of the secret.
output labelStudioApiKeySecretUri string = '${vault.properties.vaultUri}secrets/${secretNames.labelStudioApiKey}'
output basicAuthPassSecretUri string = '${vault.properties.vaultUri}secrets/${secretNames.basicAuthPass}'
