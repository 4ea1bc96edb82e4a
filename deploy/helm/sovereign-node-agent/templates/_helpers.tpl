{{- define "agent.name" -}}{{ .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "agent.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "agent.labels" -}}
app.kubernetes.io/name: {{ include "agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: node-agent
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "agent.selector" -}}
app.kubernetes.io/name: {{ include "agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: node-agent
{{- end -}}

{{/* The Secret holding the node key: the operator's, or the one this chart makes from nodeKey.pem. */}}
{{- define "agent.keySecret" -}}
{{- if .Values.nodeKey.existingSecret -}}{{ .Values.nodeKey.existingSecret }}
{{- else if .Values.nodeKey.pem -}}{{ include "agent.fullname" . }}-key
{{- else -}}{{ fail "the node key is needed: nodeKey.existingSecret (a Secret holding node.pem) or nodeKey.pem" }}
{{- end -}}
{{- end -}}
