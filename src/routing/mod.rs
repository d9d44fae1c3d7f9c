//! Routing as AWS does it: EventBridge event patterns, SNS filter policies,
//! and Amazon States Language (Step Functions).
