// Prelabel on Azure Functions Flex Consumption, in one resource group: the function app (isolated worker), its storage
// account (images, models, the upload queue), the Event Grid topic that announces uploads, Key Vault for secrets, Log
// Analytics with Application Insights, and one user-assigned identity with the least roles it needs.
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam, deploy the code, then
// scripts/subscribe-uploads (azd up does all three).
targetScope = 'resourceGroup'

// Deployment shape.
@description('Short name of this deployment (the azd environment name); resource names are made from it.')
@minLength(1)
@maxLength(20)
param environmentName string = 'prelabel'
@description('Region of every resource; Flex Consumption must be offered there (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location
@description('Memory of one function app instance, in MB. The OCR model runs in 2048.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048
@description('Most instances the app scales out to (40-1000). Each imports into Label Studio in parallel.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40
@description('Allow account keys on the storage account. Only for Label Studio Community\'s Azure source storage, which signs image URLs with the account key; the app itself never uses a key.')
param allowSharedKeyAccess bool = false

// Label Studio.
@description('LABEL_STUDIO_URL: Label Studio as the function app reaches it, with scheme, e.g. https://labelstudio.example.com.')
param labelStudioUrl string
@description('Origin of the Label Studio web UI allowed to load images from presigned blob URLs (blob CORS); empty: the origin of labelStudioUrl.')
param labelStudioOrigin string = ''
@secure()
@description('LABEL_STUDIO_API_KEY: Personal Access Token or legacy token, stored in Key Vault. Empty keeps the one already in the vault.')
param labelStudioApiKey string = ''
@description('BASIC_AUTH_USER: user Label Studio sends as HTTP Basic. Given, the app requires basic auth with the password in Key Vault.')
param basicAuthUser string = ''
@secure()
@description('BASIC_AUTH_PASS: password for basicAuthUser, stored in Key Vault. Empty keeps the one already in the vault.')
param basicAuthPass string = ''
@description('LABEL_STUDIO_TIMEOUT_SECONDS: time allowed for one Label Studio API request (empty: 30).')
param labelStudioTimeoutSeconds string = ''

// Uploads become tasks.
@description('Which function Event Grid announces uploads to: blob (the imageUploaded blob trigger, subscribed by scripts/subscribe-uploads after the code deploy) or queue (the image-events queue and imageEvents, subscribed here).')
@allowed([ 'blob', 'queue' ])
param uploadTrigger string = 'blob'
@description('IMPORT_ROUTES: container[/prefix]=project, comma-separated, e.g. images=3. Only the images container sends upload events. Empty: uploads are not imported.')
param importRoutes string = ''
@description('IMPORT_SINK: api imports through Label Studio\'s API (needs labelStudioApiKey); files writes task files to the tasks container.')
@allowed([ 'api', 'files' ])
param importSink string = 'api'
@description('IMPORT_LABEL_CONFIG: with importSink files, the labeling config (XML) to predict with.')
param importLabelConfig string = ''
@description('IMPORT_EXTENSIONS: blob name endings taken as images (empty: jpg,jpeg,png,webp,gif,bmp).')
param importExtensions string = ''
@description('IMPORT_CONTENT_TYPES: content types taken as images (empty: image/jpeg,image/png,image/webp,image/gif,image/bmp).')
param importContentTypes string = ''
@description('IMPORT_MAX_BYTES: larger images go to the poison queue unread (empty: 67108864).')
param importMaxBytes string = ''

// Predictions.
@description('LOG_LEVEL: DEBUG, INFO, WARNING or ERROR.')
@allowed([ 'DEBUG', 'INFO', 'WARNING', 'ERROR' ])
param logLevel string = 'INFO'
@description('MODEL_SCORE_THRESHOLD: regions scoring below it are dropped (empty: 0.5).')
param modelScoreThreshold string = ''
@description('PREDICTION_SCORE: confidence, margin or entropy (empty: confidence).')
@allowed([ '', 'confidence', 'margin', 'entropy' ])
param predictionScore string = ''
@description('ALLOW_CUSTOM_MODEL_PATH: whether a control\'s model_path may pick a model from the models container (empty: true).')
@allowed([ '', 'true', 'false' ])
param allowCustomModelPath string = ''
@description('MODEL_DETECT: file in the models container used by RectangleLabels without model_path.')
param modelDetect string = ''
@description('MODEL_SEGMENT: file in the models container used by PolygonLabels and BrushLabels without model_path.')
param modelSegment string = ''
@description('MODEL_POSE: file in the models container used by KeyPointLabels without model_path.')
param modelPose string = ''
@description('MODEL_OBB: file in the models container used by RectangleLabels model_obb="true" without model_path.')
param modelObb string = ''
@description('MODEL_CLASSIFY: file in the models container used by Choices and Taxonomy without model_path.')
param modelClassify string = ''
@description('MODEL_REFRESH_SECONDS: how often, at most, the models container is checked for changes (empty: 60).')
param modelRefreshSeconds string = ''
@description('YOLO_IOU_THRESHOLD: non-maximum suppression overlap (empty: 0.7).')
param yoloIouThreshold string = ''
@description('OCR_DETECTOR_MODEL: OCR text detector file in the models container (empty: the built-in PaddleOCR v4).')
param ocrDetectorModel string = ''
@description('OCR_RECOGNIZER_MODEL: OCR recogniser file in the models container (empty: the built-in PaddleOCR v4).')
param ocrRecognizerModel string = ''
@description('OCR_CHARACTERS: OCR character list file in the models container (empty: the built-in one).')
param ocrCharacters string = ''
@description('OCR_DETECTOR_MAX_SIDE: longer side of the image given to the text detector (empty: 960).')
param ocrDetectorMaxSide string = ''
@description('CLUSTER_SAMPLE_SIZE: tasks embedded for cluster suggestions before the first annotation (empty: 1000).')
param clusterSampleSize string = ''
@description('PREDICT_PARALLELISM: tasks of one /predict call worked on at once (empty: 1).')
param predictParallelism string = ''
@description('INFERENCE_CONCURRENCY: predictions one instance runs at once. Flex sends an instance at most this plus inferenceQueue plus 2 requests, and scales out past that.')
@minValue(1)
param inferenceConcurrency int = 2
@description('INFERENCE_QUEUE: predictions one instance lets wait for a slot; more are answered 503 with Retry-After at once.')
@minValue(0)
param inferenceQueue int = 4
@description('INFERENCE_MAX_WAIT_SECONDS: longest a prediction waits for a slot before a 503 (empty: 30).')
param inferenceMaxWaitSeconds string = ''
@description('ORT_INTRA_OP_THREADS: ONNX Runtime threads inside one operator (empty: one per core of the instance).')
param ortIntraOpThreads string = ''

// Image downloads.
@description('VERIFY_SSL: false accepts self-signed certificates when downloading images (empty: true).')
@allowed([ '', 'true', 'false' ])
param verifySsl string = ''
@description('MEDIA_ALLOWED_HOSTS: private-network hosts images may come from besides Label Studio.')
param mediaAllowedHosts string = ''
@description('MEDIA_MAX_BYTES: largest image download (empty: 67108864).')
param mediaMaxBytes string = ''
@description('MEDIA_TIMEOUT_SECONDS: time allowed for one image download (empty: 30).')
param mediaTimeoutSeconds string = ''
@description('MAX_IMAGE_PIXELS: larger images are refused before decoding (empty: 100000000).')
param maxImagePixels string = ''

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var names = {
  identity: 'id-${environmentName}-${token}'
  storage: 'st${token}'
  keyVault: 'kv-${token}'
  logAnalytics: 'log-${environmentName}-${token}'
  applicationInsights: 'appi-${environmentName}-${token}'
  plan: 'plan-${environmentName}-${token}'
  app: 'func-${environmentName}-${token}'
}
// host.json, the worker's imageEvents and imageUploaded functions and ImportOptions use the same names.
var containers = {
  images: 'images'
  models: 'models'
  deploy: 'deploy'
  tasks: 'tasks'
  importLedger: 'import-ledger'
}
var queues = {
  imageEvents: 'image-events'
  imageEventsPoison: 'image-events-poison'
}
// 'https:', '', 'host:port' of the URL joined again: its origin.
var corsOrigin = empty(labelStudioOrigin) ? join(take(split(labelStudioUrl, '/'), 3), '/') : labelStudioOrigin

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    corsOrigin: corsOrigin
    allowSharedKeyAccess: allowSharedKeyAccess
    containers: [ containers.images, containers.models, containers.deploy, containers.tasks, containers.importLedger ]
    queues: [ queues.imageEvents, queues.imageEventsPoison ]
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    labelStudioApiKey: labelStudioApiKey
    basicAuthPass: basicAuthPass
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventGrid'
  params: {
    storageAccountName: storage.outputs.name
    location: location
    tags: tags
    containerName: containers.images
    queueName: queues.imageEvents
    uploadTrigger: uploadTrigger
  }
}

// Every setting Prelabel reads is here or in local-only-settings.json. Empty values mean "the built-in default".
var appSettings = {
  // Host storage and the IMAGES connection (imageEvents' queue trigger, images, models, ledger): identity-based.
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  IMAGES__blobServiceUri: storage.outputs.blobEndpoint
  IMAGES__queueServiceUri: storage.outputs.queueEndpoint
  IMAGES__credential: 'managedidentity'
  IMAGES__clientId: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  LABEL_STUDIO_URL: labelStudioUrl
  LABEL_STUDIO_API_KEY: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.labelStudioApiKeySecretUri})'
  LABEL_STUDIO_TIMEOUT_SECONDS: labelStudioTimeoutSeconds
  // Both or neither: a user with an unresolved password reference would let anyone in.
  // With a user and no secret in the vault the app refuses to start: a lost password never opens the backend.
  BASIC_AUTH_USER: basicAuthUser
  BASIC_AUTH_PASS: empty(basicAuthUser) ? '' : '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.basicAuthPassSecretUri})'
  IMPORT_ROUTES: importRoutes
  IMPORT_SINK: importSink
  IMPORT_LABEL_CONFIG: importLabelConfig
  IMPORT_TASKS_CONTAINER: containers.tasks
  IMPORT_LEDGER_CONTAINER: containers.importLedger
  IMPORT_EXTENSIONS: importExtensions
  IMPORT_CONTENT_TYPES: importContentTypes
  IMPORT_MAX_BYTES: importMaxBytes
  IMPORT_MAX_DEQUEUE: '5' // host.json extensions.queues.maxDequeueCount
  LOG_LEVEL: logLevel
  MODEL_SCORE_THRESHOLD: modelScoreThreshold
  PREDICTION_SCORE: predictionScore
  ALLOW_CUSTOM_MODEL_PATH: allowCustomModelPath
  MODELS_CONTAINER: containers.models
  MODEL_REFRESH_SECONDS: modelRefreshSeconds
  LEARNED_STATE_CONTAINER: containers.models
  MODEL_DETECT: modelDetect
  MODEL_SEGMENT: modelSegment
  MODEL_POSE: modelPose
  MODEL_OBB: modelObb
  MODEL_CLASSIFY: modelClassify
  YOLO_IOU_THRESHOLD: yoloIouThreshold
  OCR_DETECTOR_MODEL: ocrDetectorModel
  OCR_RECOGNIZER_MODEL: ocrRecognizerModel
  OCR_CHARACTERS: ocrCharacters
  OCR_DETECTOR_MAX_SIDE: ocrDetectorMaxSide
  CLUSTER_SAMPLE_SIZE: clusterSampleSize
  PREDICT_PARALLELISM: predictParallelism
  INFERENCE_CONCURRENCY: string(inferenceConcurrency)
  INFERENCE_QUEUE: string(inferenceQueue)
  INFERENCE_MAX_WAIT_SECONDS: inferenceMaxWaitSeconds
  ORT_INTRA_OP_THREADS: ortIntraOpThreads
  // Read by glibc when the worker starts: two malloc arenas instead of up to 16 on 2 cores, each keeping what was freed
  // in it; peak RSS at 16 OCR clients 320-347 MiB against 365-371 (scripts/benchmark load).
  MALLOC_ARENA_MAX: '2'
  VERIFY_SSL: verifySsl
  MEDIA_ALLOWED_HOSTS: mediaAllowedHosts
  MEDIA_MAX_BYTES: mediaMaxBytes
  MEDIA_TIMEOUT_SECONDS: mediaTimeoutSeconds
  MAX_IMAGE_PIXELS: maxImagePixels
}

module app 'modules/app.bicep' = {
  name: 'app'
  // The host needs its storage roles, and the Key Vault references their reader, before it starts.
  dependsOn: [ rbac ]
  params: {
    name: names.app
    planName: names.plan
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.id
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${containers.deploy}'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    // What the instance admits (running and waiting), and room for /health and /setup beside them.
    httpPerInstanceConcurrency: inferenceConcurrency + inferenceQueue + 2
    appSettings: appSettings
  }
}

@description('Paste into Label Studio: Project → Settings → Model → Connect Model.')
output functionAppUrl string = app.outputs.url
output functionAppName string = app.outputs.name
output storageAccountName string = storage.outputs.name
output imagesContainer string = containers.images
output modelsContainer string = containers.models
output tasksContainer string = containers.tasks
@description('For scripts/subscribe-uploads: the topic whose webhook subscription it adds; empty when uploads go to the queue.')
output blobTriggerTopicName string = uploadTrigger == 'blob' ? eventGrid.outputs.systemTopicName : ''
output imageEventsQueue string = queues.imageEvents
output imageEventsPoisonQueue string = queues.imageEventsPoison
output keyVaultName string = keyVault.outputs.name
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
