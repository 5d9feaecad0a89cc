// The second deployment, after the code: Event Grid announces each upload to the imageUploaded blob trigger. The
// webhook carries the blob extension's system key, which the Functions host creates only once it runs code with a blob
// trigger, and Event Grid checks the endpoint when the subscription is made; so this cannot be part of main.bicep.
// scripts/subscribe-uploads waits for the key and deploys this file (azd's postdeploy hook and the pipeline call it).

@description('The function app main.bicep made (its functionAppName output).')
param functionAppName string

@description('The storage account\'s Event Grid system topic (main.bicep\'s blobTriggerTopicName output).')
param systemTopicName string

@description('Container whose new blobs are announced: the blob trigger\'s (main.bicep\'s imagesContainer output).')
param containerName string

@description('The blob-triggered function, as functions.metadata names it.')
param functionName string = 'imageUploaded'

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource blobCreatedToFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: '${containerName}-to-${functionName}'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The blob extension's endpoint: it answers Event Grid's validation and queues each blob for the function.
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${app.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
      }
    }
    filter: {
      includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    // While an instance starts, or the app is down, Event Grid retries with back-off for up to a day.
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output subscriptionName string = blobCreatedToFunction.name
