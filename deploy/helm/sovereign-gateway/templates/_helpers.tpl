{{- define "sovgw.name" -}}{{ .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "sovgw.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "sovgw.labels" -}}
app.kubernetes.io/name: {{ include "sovgw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "sovgw.selector" -}}
app.kubernetes.io/name: {{ include "sovgw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end -}}

{{- define "sovgw.witnessSelector" -}}
app.kubernetes.io/name: {{ include "sovgw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: witness
{{- end -}}

{{- define "sovgw.valkeySelector" -}}
app.kubernetes.io/name: {{ include "sovgw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: valkey
{{- end -}}

{{/* Where tenant quotas are counted: the chart's Valkey, an external URL, or "" (nowhere shared). */}}
{{- define "sovgw.quotasUrl" -}}
{{- if .Values.valkey.enabled -}}
{{ printf "redis://%s-valkey:%d/0" (include "sovgw.fullname" .) (int .Values.valkey.port) }}
{{- else -}}
{{ .Values.quotas.url }}
{{- end -}}
{{- end -}}
