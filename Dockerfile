FROM python:3.11-slim
WORKDIR /app
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY gateway gateway
COPY audit audit
COPY domain domain
COPY nodesim nodesim
COPY sovgw sovgw
COPY witness witness
COPY nodeagent nodeagent
COPY policies policies
RUN pip install --no-cache-dir --no-deps .
USER 65534
EXPOSE 8080
ENTRYPOINT ["sovgw"]
CMD ["serve", "--config", "/etc/sovgw/config.yaml"]
