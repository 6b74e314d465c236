// The SDK warns once per process that its 2027 releases need Node 22; the project pins Node 20 for now.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
