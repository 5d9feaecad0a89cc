// Uploads become queue messages: an Event Grid system topic on the storage account delivers each BlobCreated event of
// one container to a storage queue, authenticating as the topic's own identity. No webhook and no function key are
// involved, so this deploys before the code does.

@description('Name of the storage account whose events are delivered; it holds the container and the queue.')
param storageAccountName string

@description('Region of the system topic (the storage account\'s).')
param location string

@description('Tags for the system topic.')
param tags object

@description('Container whose new blobs are announced.')
param containerName string

@description('Queue the events go to (the imageEvents function\'s queueName).')
param queueName string

var storageQueueDataMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a' // Storage Queue Data Message Sender

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: account
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' existing = {
  parent: queueService
  name: queueName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: 'evgt-${storageAccountName}'
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// On the one queue only: the topic may add messages there and nothing else.
resource topicQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, topic.id, storageQueueDataMessageSender)
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataMessageSender)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobCreatedToQueue 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: '${containerName}-to-${queueName}'
  // The role first, the order Microsoft's managed-identity delivery guide uses; until it reaches Storage, Event Grid
  // retries its deliveries (24 h by default), so no upload is lost to the wait.
  dependsOn: [ topicQueueSender ]
  properties: {
    deliveryWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: queueName
          queueMessageTimeToLiveInSeconds: 604800 // seconds: 7 days
        }
      }
    }
    filter: {
      includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = topic.name
output subscriptionName string = blobCreatedToQueue.name
