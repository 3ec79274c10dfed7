export { clusterStage } from "./cluster-stage";
export { embedStage } from "./embed-stage";
export { harvestStage } from "./harvest-stage";
export { qualityStage } from "./quality-stage";
