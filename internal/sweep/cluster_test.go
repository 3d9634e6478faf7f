package sweep

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func TestSlurmScriptIsValidBash(t *testing.T) {
	name := filepath.Join("..", "..", "docs", "cluster", "sweep.slurm")
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	s := string(b)
	assert.Contains(t, s, "#SBATCH --array=1-")
	assert.Contains(t, s, "--shard \"${SLURM_ARRAY_TASK_ID}/${N}\"")
	assert.Contains(t, s, "dongshu-batch merge")
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	out, err := exec.Command("bash", "-n", name).CombinedOutput()
	assert.NoError(t, err, string(out))
}

func TestKubernetesJobIsAnIndexedJob(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "cluster", "sweep-job.yaml"))
	require.NoError(t, err)
	var job struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Spec       struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int    `yaml:"completions"`
			Parallelism    int    `yaml:"parallelism"`
			Template       struct {
				Spec struct {
					Containers []struct {
						Args         []string `yaml:"args"`
						VolumeMounts []struct {
							Name string `yaml:"name"`
						} `yaml:"volumeMounts"`
					} `yaml:"containers"`
					Volumes []struct {
						Name string `yaml:"name"`
					} `yaml:"volumes"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(false)
	require.NoError(t, dec.Decode(&job))
	assert.Equal(t, "batch/v1", job.APIVersion)
	assert.Equal(t, "Job", job.Kind)
	assert.Equal(t, "Indexed", job.Spec.CompletionMode)
	assert.Positive(t, job.Spec.Completions)
	assert.Positive(t, job.Spec.Parallelism)
	c := job.Spec.Template.Spec.Containers
	require.Len(t, c, 1)
	args := strings.Join(c[0].Args, " ")
	assert.Contains(t, args, "--shard $((JOB_COMPLETION_INDEX+1))/"+strconv.Itoa(job.Spec.Completions))
	require.NotEmpty(t, c[0].VolumeMounts)
	require.NotEmpty(t, job.Spec.Template.Spec.Volumes)
	assert.Equal(t, c[0].VolumeMounts[0].Name, job.Spec.Template.Spec.Volumes[0].Name)
}
