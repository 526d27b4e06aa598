import { createRequire as __isCreateRequire } from 'node:module';
const require = __isCreateRequire(import.meta.url);
var RETRY_TIMINGS=["standard","fast"],RETRY_POLICIES={standard:{},fast:{modelRetryBaseDelayMs:1,github:{retries:2,throttle:{retryAfterBaseValue:1,writePacing:!1,minimumSecondaryRateRetryAfter:0}},checksPollMs:5}};export{RETRY_TIMINGS,RETRY_POLICIES};
