package xent.model.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * What Hugging Face calls each model_type xent reads: the class names a config's
 * {@code architectures} lists, and published checkpoints of that type. Only {@link FamilyCatalog}
 * shows them; reading a checkpoint does not depend on them.
 */
final class FamilyNames {

  /** A model_type's architecture classes and example checkpoints. */
  record Names(List<String> architectures, List<String> examples) {}

  // Entries for model types another branch adds (opt, phi3, falcon, bloom) are here already, so
  // that its merge only lists them in HfConfig.MODEL_TYPES.
  static final Map<String, Names> OF = Map.ofEntries(
      names("gpt2", "GPT2LMHeadModel", "openai-community/gpt2", "openai-community/gpt2-xl",
          "distilbert/distilgpt2"),
      names("gpt_neox", "GPTNeoXForCausalLM", "EleutherAI/pythia-160m",
          "EleutherAI/gpt-neox-20b"),
      names("llama", "LlamaForCausalLM", "meta-llama/Llama-3.1-8B",
          "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "deepseek-ai/deepseek-llm-7b-base"),
      names("mistral", "MistralForCausalLM", "mistralai/Mistral-7B-v0.1",
          "mistralai/Mistral-7B-v0.3"),
      names("qwen2", "Qwen2ForCausalLM", "Qwen/Qwen2.5-0.5B", "Qwen/Qwen2-1.5B"),
      names("qwen3", "Qwen3ForCausalLM", "Qwen/Qwen3-0.6B", "Qwen/Qwen3-8B"),
      names("gemma", "GemmaForCausalLM", "google/gemma-2b", "google/gemma-7b"),
      names("gemma2", "Gemma2ForCausalLM", "google/gemma-2-2b", "google/gemma-2-9b"),
      names("olmo", "OlmoForCausalLM", "allenai/OLMo-1B-hf", "allenai/OLMo-7B-0724-hf"),
      names("olmo2", "Olmo2ForCausalLM", "allenai/OLMo-2-0425-1B", "allenai/OLMo-2-1124-7B"),
      names("stablelm", "StableLmForCausalLM", "stabilityai/stablelm-2-1_6b",
          "stabilityai/stablelm-3b-4e1t"),
      names("phi", "PhiForCausalLM", "microsoft/phi-1_5", "microsoft/phi-2"),
      names("gptj", "GPTJForCausalLM", "EleutherAI/gpt-j-6b"),
      names("opt", "OPTForCausalLM", "facebook/opt-125m", "facebook/opt-1.3b"),
      names("phi3", "Phi3ForCausalLM", "microsoft/Phi-3-mini-4k-instruct",
          "microsoft/Phi-3.5-mini-instruct"),
      names("falcon", "FalconForCausalLM", "tiiuae/falcon-7b", "tiiuae/falcon-rw-1b"),
      names("bloom", "BloomForCausalLM", "bigscience/bloom-560m", "bigscience/bloomz-1b1"));

  private FamilyNames() {}

  private static Map.Entry<String, Names> names(String type, String architecture,
      String... examples) {
    return Map.entry(type, new Names(List.of(architecture), List.of(examples)));
  }
}
