// Parameters for main.bicep, read from environment variables so that azd (azd env set NAME value), the pipeline
// (its variables) and a shell (export NAME=value) all feed the same file. Only LABEL_STUDIO_URL is required.
using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'prelabel')
param labelStudioUrl = readEnvironmentVariable('LABEL_STUDIO_URL')
param labelStudioOrigin = readEnvironmentVariable('LABEL_STUDIO_ORIGIN', '')
param labelStudioApiKey = readEnvironmentVariable('LABEL_STUDIO_API_KEY', '')
param basicAuthUser = readEnvironmentVariable('BASIC_AUTH_USER', '')
param basicAuthPass = readEnvironmentVariable('BASIC_AUTH_PASS', '')
param importRoutes = readEnvironmentVariable('IMPORT_ROUTES', '')
param uploadTrigger = readEnvironmentVariable('UPLOAD_TRIGGER', 'blob')
param importSink = readEnvironmentVariable('IMPORT_SINK', 'api')
param importLabelConfig = readEnvironmentVariable('IMPORT_LABEL_CONFIG', '')
param logLevel = readEnvironmentVariable('LOG_LEVEL', 'INFO')
param allowSharedKeyAccess = bool(readEnvironmentVariable('ALLOW_SHARED_KEY_ACCESS', 'false'))
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
